// Facts about the repository being scanned: bare or not, shallow boundaries, partial clone, HEAD.
// Read-only: every call is a plumbing query through the safe git runner.
import { existsSync, readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { gitText, runGit, type GitContext, type GitEnvOptions } from "./git-process.js";

export interface RepoInfo {
  ctx: GitContext;
  bare: boolean;
  /** The working tree's top directory, or the git directory of a bare repository. */
  root: string;
  gitDir: string;
  /** Commits at the shallow boundary (their parents are not in this clone); null when complete. */
  shallow: string[] | null;
  /** A partial clone: some blobs may never have been downloaded. */
  partial: boolean;
  /** The commit HEAD points at; null when HEAD is unborn. */
  head: string | null;
}

/** The path is not a git repository (or git cannot open it). */
export class NotARepositoryError extends Error {}

/** Open a repository read-only and gather what the scan needs to know about it. */
export async function openRepo(path: string, env: GitEnvOptions = {}): Promise<RepoInfo> {
  const abs = resolve(path);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) throw new NotARepositoryError(`${path}: not a directory`);
  const ctx: GitContext = { cwd: abs, ...env };
  let lines: string[];
  try {
    lines = (await gitText(ctx, ["rev-parse", "--is-bare-repository", "--is-shallow-repository", "--absolute-git-dir"])).split("\n");
  } catch (e) {
    throw new NotARepositoryError(`${path}: not a git repository (${(e as Error).message})`);
  }
  const bare = lines[0] === "true";
  const isShallow = lines[1] === "true";
  const gitDir = lines[2];
  const root = bare ? gitDir : await gitText(ctx, ["rev-parse", "--show-toplevel"]);
  let shallow: string[] | null = null;
  if (isShallow) {
    const file = await gitText(ctx, ["rev-parse", "--path-format=absolute", "--git-path", "shallow"]).catch(() => resolve(gitDir, "shallow"));
    try {
      shallow = readFileSync(file, "latin1").split("\n").filter((l) => /^[0-9a-f]{40,64}$/.test(l));
    } catch {
      shallow = [];
    }
  }
  const promisor = await runGit(ctx, ["config", "--get-regexp", "^(extensions\\.partialclone|remote\\..*\\.promisor)$"], { okCodes: [0, 1] });
  const partial = promisor.toString("utf8").split("\n").some((l) => /^extensions\.partialclone \S/i.test(l) || /\.promisor true$/i.test(l.trim()));
  const head = (await runGit(ctx, ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"], { okCodes: [0, 1] })).toString("utf8").trim() || null;
  return { ctx: { ...ctx, cwd: bare ? gitDir : root }, bare, root, gitDir, shallow, partial, head };
}

/**
 * Objects a partial clone never downloaded, found without fetching them (`--missing=print`):
 * asking cat-file for one would try the promisor remote, which the safe config forbids.
 */
export async function missingObjects(ctx: GitContext, revisions: string[]): Promise<Set<string>> {
  const out = await runGit(ctx, ["rev-list", "--objects", "--missing=print", "--all", "--stdin"], { input: revisions.map((r) => `${r}\n`).join("") });
  const missing = new Set<string>();
  for (const line of out.toString("latin1").split("\n")) if (line.startsWith("?")) missing.add(line.slice(1).trim());
  return missing;
}
