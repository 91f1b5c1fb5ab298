// Builds real temporary git repositories for tests: commits with set authors and dates, branches,
// tags, stashes. Git runs with no global or system config, so the machine's settings cannot leak in.
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

const BASE_ENV: Record<string, string> = {
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_TERMINAL_PROMPT: "0",
  LC_ALL: "C",
};

export interface Who {
  name: string;
  email?: string;
  /** ISO date for both author and committer. */
  date: string;
}

/** Run git in `cwd`; throws with stderr on failure. Returns stdout (trimmed unless raw). */
export function git(cwd: string, args: string[], opts: { input?: string | Buffer; who?: Who; raw?: boolean; env?: Record<string, string> } = {}): string {
  const env: Record<string, string> = { ...(process.env as Record<string, string>) };
  for (const k of ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"]) delete env[k];
  Object.assign(env, BASE_ENV, opts.env);
  if (opts.who) {
    const email = opts.who.email ?? `${opts.who.name.toLowerCase().replace(/\W+/g, ".")}@example.test`;
    Object.assign(env, {
      GIT_AUTHOR_NAME: opts.who.name,
      GIT_AUTHOR_EMAIL: email,
      GIT_AUTHOR_DATE: opts.who.date,
      GIT_COMMITTER_NAME: opts.who.name,
      GIT_COMMITTER_EMAIL: email,
      GIT_COMMITTER_DATE: opts.who.date,
    });
  }
  const r = spawnSync("git", args, { cwd, env, input: opts.input, encoding: "utf8", maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")} failed (${r.status}): ${r.stderr}`);
  return opts.raw ? r.stdout : r.stdout.trim();
}

/** A test repository in a directory. */
export class TestRepo {
  constructor(readonly dir: string) {}

  /** `git init` a fresh repository with branch main. */
  static init(dir: string, opts: { bare?: boolean } = {}): TestRepo {
    mkdirSync(dir, { recursive: true });
    git(dir, ["init", "-q", "-b", "main", ...(opts.bare ? ["--bare"] : [])]);
    git(dir, ["config", "commit.gpgsign", "false"]);
    git(dir, ["config", "user.name", "Test Default"]);
    git(dir, ["config", "user.email", "default@example.test"]);
    return new TestRepo(dir);
  }

  git(args: string[], opts: Parameters<typeof git>[2] = {}): string {
    return git(this.dir, args, opts);
  }

  /** Write (string) or delete (null) files, stage everything, commit; returns the commit id. */
  commit(files: Record<string, string | null>, who: Who, message = "change"): string {
    this.write(files);
    this.git(["add", "-A"]);
    this.git(["commit", "-q", "--allow-empty", "-m", message], { who });
    return this.git(["rev-parse", "HEAD"]);
  }

  /** Write or delete working-tree files without staging. */
  write(files: Record<string, string | null>): void {
    for (const [p, content] of Object.entries(files)) {
      const abs = join(this.dir, p);
      if (content === null) rmSync(abs, { force: true });
      else {
        mkdirSync(dirname(abs), { recursive: true });
        writeFileSync(abs, content);
      }
    }
  }

  /** Store bytes as a blob and return its id (no working-tree file involved). */
  blob(content: string | Buffer): string {
    return this.git(["hash-object", "-w", "--stdin"], { input: content });
  }

  /** Put blobs into the index at arbitrary raw paths (spaces, newlines, non-UTF-8 bytes). */
  stageRaw(entries: { path: Buffer | string; oid: string; mode?: string }[]): void {
    const parts = entries.map((e) => Buffer.concat([Buffer.from(`${e.mode ?? "100644"} ${e.oid}\t`), Buffer.isBuffer(e.path) ? e.path : Buffer.from(e.path), Buffer.from([0])]));
    this.git(["update-index", "--add", "-z", "--index-info"], { input: Buffer.concat(parts) });
  }

  rev(rev: string): string {
    return this.git(["rev-parse", rev]);
  }

  /** Unique blobs reachable from every ref, counted by git itself. */
  reachableBlobs(extraRevs: string[] = []): Set<string> {
    const objs = this.git(["rev-list", "--objects", "--all", ...extraRevs]);
    const ids = objs.split("\n").map((l) => l.split(" ")[0]).filter(Boolean);
    const types = this.git(["cat-file", "--batch-check=%(objectname) %(objecttype)"], { input: ids.join("\n") + "\n" });
    return new Set(types.split("\n").filter((l) => l.endsWith(" blob")).map((l) => l.split(" ")[0]));
  }
}
