// Tree listings and the staged changes: what a tip commit holds, and what the index adds to HEAD.
import { runGit, type GitContext } from "./git-process.js";
import { parseRawDiff, type ChangeEntry } from "./raw-diff.js";

/** The blobs of a tree, keyed by raw path (latin1), plus its submodule paths. */
export interface TreeListing {
  blobs: Map<string, string>;
  gitlinks: string[];
}

/** Recursively list a tree-ish (commit or tree id). */
export async function listTree(ctx: GitContext, treeish: string): Promise<TreeListing> {
  const out = await runGit(ctx, ["ls-tree", "-r", "-z", "--full-tree", treeish]);
  const blobs = new Map<string, string>();
  const gitlinks: string[] = [];
  for (const rec of out.toString("latin1").split("\0")) {
    if (!rec) continue;
    const tab = rec.indexOf("\t");
    const [mode, type, oid] = rec.slice(0, tab).split(" ");
    const path = rec.slice(tab + 1);
    if (type === "blob") blobs.set(path, oid);
    else if (type === "commit" || mode === "160000") gitlinks.push(path);
  }
  return { blobs, gitlinks };
}

/** The tree a tree-ish listing expressed as change entries (everything added), for a tree ref. */
export function treeAsEntries(t: TreeListing): ChangeEntry[] {
  const entries: ChangeEntry[] = [...t.blobs].map(([path, oid]) => ({ path, newOid: oid, oldOids: [] }));
  for (const path of t.gitlinks) entries.push({ path, newOid: "", oldOids: [], gitlink: true });
  return entries;
}

/**
 * What the index would commit: each staged path with its staged blob and HEAD's blob (old side).
 * With an unborn HEAD (the first commit) everything staged is new.
 */
export async function stagedChanges(ctx: GitContext, head: string | null): Promise<ChangeEntry[]> {
  const base = head ?? (await runGit(ctx, ["hash-object", "-t", "tree", "--stdin"], { input: "" })).toString("utf8").trim();
  const out = await runGit(ctx, ["diff-index", "--cached", "-z", "--raw", "--no-abbrev", "-M", "--no-ext-diff", "--no-textconv", base, "--"]);
  return parseRawDiff(out);
}
