// Parses git's `--raw -z` diff records (from `git log`, `git diff-index` and `git diff-tree`) as a
// stream of NUL-terminated tokens. Paths stay raw bytes (held as latin1 strings, one char per byte),
// so names with spaces, newlines or bytes that are not UTF-8 survive untouched.

/** One path a commit (or the index) changed: the blob it holds now and what its parents held. */
export interface ChangeEntry {
  /** The path's raw bytes as a latin1 string. */
  path: string;
  /** The blob at `path` after the change. */
  newOid: string;
  /** The blob before the change, one per parent that had one (zero ids dropped). */
  oldOids: string[];
  /** For a rename: the path the content came from (raw latin1). */
  oldPath?: string;
  /** A submodule (gitlink, mode 160000): its contents live in another repository. */
  gitlink?: boolean;
}

const ZERO_OID = /^0+$/;
const GITLINK = "160000";

/** True for git's all-zero object id (the "no blob" side of an add or delete). */
export function isZeroOid(oid: string): boolean {
  return ZERO_OID.test(oid);
}

/**
 * A push parser for raw diff records. `meta` tokens start with ":" (one per parent in combined
 * merges); each is followed by one path token, two for renames and copies.
 */
export class RawDiffParser {
  private pending: { meta: string[]; parents: number; paths: string[]; want: number } | null = null;

  /** True while the parser is in the middle of a record (its path tokens have not all come). */
  get busy(): boolean {
    return this.pending !== null;
  }

  /**
   * Feed one token. Returns a finished entry, null when the token was consumed without finishing
   * one, or false when the token is not part of a raw record (the caller handles it).
   */
  push(token: string): ChangeEntry | null | false {
    if (this.pending) {
      this.pending.paths.push(token);
      if (this.pending.paths.length < this.pending.want) return null;
      const done = this.pending;
      this.pending = null;
      return toEntry(done.meta, done.parents, done.paths);
    }
    if (!token.startsWith(":")) return false;
    let parents = 0;
    while (token[parents] === ":") parents++;
    const meta = token.slice(parents).split(" ");
    const status = meta[meta.length - 1] ?? "";
    const want = parents === 1 && (status[0] === "R" || status[0] === "C") ? 2 : 1;
    this.pending = { meta, parents, paths: [], want };
    return null;
  }
}

function toEntry(meta: string[], parents: number, paths: string[]): ChangeEntry | null {
  // meta: parents+1 modes, parents+1 object ids, status
  const modes = meta.slice(0, parents + 1);
  const oids = meta.slice(parents + 1, 2 * parents + 2);
  const newOid = oids[parents];
  if (!newOid || isZeroOid(newOid)) return null; // deleted (or unmerged): nothing new to scan
  const entry: ChangeEntry = {
    path: paths[paths.length - 1],
    newOid,
    oldOids: oids.slice(0, parents).filter((o) => !isZeroOid(o)),
  };
  if (paths.length === 2) entry.oldPath = paths[0];
  if (modes[parents] === GITLINK) entry.gitlink = true;
  return entry;
}

/** Splits a byte stream into NUL-terminated tokens, decoded as latin1 (byte-exact). */
export class NulTokenizer {
  private rest = "";

  /** Tokens completed by this chunk. */
  push(chunk: Buffer): string[] {
    const s = this.rest + chunk.toString("latin1");
    const parts = s.split("\0");
    this.rest = parts.pop()!;
    return parts;
  }

  /** What is left after the stream ended (normally empty). */
  end(): string {
    const r = this.rest;
    this.rest = "";
    return r;
  }
}

/** Parse a complete `--raw -z` output (diff-index, diff-tree) into entries. */
export function parseRawDiff(out: Buffer): ChangeEntry[] {
  const tok = new NulTokenizer();
  const tokens = tok.push(out);
  const tail = tok.end();
  if (tail) tokens.push(tail);
  const p = new RawDiffParser();
  const entries: ChangeEntry[] = [];
  for (const t of tokens) {
    const r = p.push(p.busy ? t : t.replace(/^\n+/, ""));
    if (r) entries.push(r);
  }
  return entries;
}
