// Revisions from users are validated, then resolved to object ids; only ids are ever passed on to
// other git commands. Resolution goes through `cat-file --batch-check` on stdin, where a value can
// never be read as an option.
import { runGit, type GitContext } from "./git-process.js";

/** A revision argument the user must fix (exit 2). */
export class BadRevisionError extends Error {}

/** Reject revision strings that could be read as options or that no ref name can contain. */
export function validateRevision(value: string, flag: string): string {
  const v = value.trim();
  if (!v) throw new BadRevisionError(`${flag}: empty revision`);
  if (v.startsWith("-")) throw new BadRevisionError(`${flag}: "${v}" starts with "-" (refused: it could be read as an option)`);
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x20\x7f]/.test(v)) throw new BadRevisionError(`${flag}: "${JSON.stringify(v).slice(1, -1)}" contains whitespace or control characters`);
  if (v.length > 1024) throw new BadRevisionError(`${flag}: revision too long`);
  return v;
}

/** Split "BASE..HEAD" (HEAD may be omitted, meaning HEAD). Three dots are refused. */
export function parseRange(value: string): { base: string; head: string } {
  if (value.includes("...")) throw new BadRevisionError(`--range: "${value}": use BASE..HEAD (two dots); symmetric ranges are not supported`);
  const i = value.indexOf("..");
  if (i < 0) throw new BadRevisionError(`--range: "${value}" is not of the form BASE..HEAD`);
  const base = validateRevision(value.slice(0, i), "--range base");
  const headPart = value.slice(i + 2);
  const head = headPart ? validateRevision(headPart, "--range head") : "HEAD";
  return { base, head };
}

export interface ResolvedObject {
  oid: string;
  type: string;
}

/** Resolve revisions to object ids and types in one process; null for those that do not exist. */
export async function resolveObjects(ctx: GitContext, revs: string[]): Promise<(ResolvedObject | null)[]> {
  if (!revs.length) return [];
  const out = await runGit(ctx, ["cat-file", "--batch-check=%(objectname) %(objecttype)"], { input: revs.map((r) => `${r}\n`).join("") });
  const lines = out.toString("utf8").split("\n");
  return revs.map((_, i) => {
    const m = /^([0-9a-f]{40,64}) (\w+)$/.exec(lines[i] ?? "");
    return m ? { oid: m[1], type: m[2] } : null;
  });
}

/** Resolve a validated revision to a commit id, or explain why it cannot be used. */
export async function resolveCommit(ctx: GitContext, rev: string, flag: string): Promise<string> {
  const [r] = await resolveObjects(ctx, [`${rev}^{commit}`]);
  if (!r) throw new BadRevisionError(`${flag}: "${rev}" is not a commit in this repository (in a shallow clone, fetch it first)`);
  return r.oid;
}

/** What a history scan of "everything" starts from. */
export interface StartPoints {
  /** Commit ids: every ref that peels to a commit, HEAD, and every stash entry. */
  commits: string[];
  /** Refs that point at a tree or blob directly (rare, but reachable and so scanned). */
  others: { ref: string; oid: string; type: "tree" | "blob" }[];
  refCount: number;
}

/** Every ref (branches, tags, remotes, notes, stash and its reflog), HEAD and other worktrees' HEADs. */
export async function listStartPoints(ctx: GitContext, head: string | null): Promise<StartPoints> {
  const out = (await runGit(ctx, ["for-each-ref", "--format=%(objectname) %(objecttype) %(refname)"])).toString("utf8");
  const commits = new Set<string>();
  const tags: { oid: string; ref: string }[] = [];
  let refCount = 0;
  for (const line of out.split("\n")) {
    const m = /^([0-9a-f]{40,64}) (\w+) (.+)$/.exec(line);
    if (!m) continue;
    refCount++;
    if (m[2] === "commit") commits.add(m[1]);
    else tags.push({ oid: m[1], ref: m[3] });
  }
  const others: StartPoints["others"] = [];
  const peeled = await resolveObjects(
    ctx,
    tags.map((t) => `${t.oid}^{}`),
  );
  peeled.forEach((p, i) => {
    if (!p) return;
    if (p.type === "commit") commits.add(p.oid);
    else if (p.type === "tree" || p.type === "blob") others.push({ ref: tags[i].ref, oid: p.oid, type: p.type });
  });
  if (head) commits.add(head);
  // Other worktrees' HEADs (often detached) are not refs, but their commits are in this repository.
  const wt = await runGit(ctx, ["worktree", "list", "--porcelain"], { okCodes: [0, 128, 129] }).catch(() => Buffer.alloc(0));
  for (const l of wt.toString("utf8").split("\n")) {
    const m = /^HEAD ([0-9a-f]{40,64})$/.exec(l);
    if (m && !/^0+$/.test(m[1])) commits.add(m[1]);
  }
  // Older stash entries live only in refs/stash's reflog.
  const stash = await runGit(ctx, ["log", "--walk-reflogs", "--no-color", "--format=%H", "refs/stash", "--"], { okCodes: [0, 128] }).catch(() => Buffer.alloc(0));
  for (const l of stash.toString("utf8").split("\n")) if (/^[0-9a-f]{40,64}$/.test(l)) commits.add(l);
  return { commits: [...commits], others, refCount };
}
