// Streams the commits to scan, parents before children, each with the paths it changed: one
// `git log --raw` process (no patches, so no content is read twice), consumed with backpressure.
import type { Readable } from "node:stream";
import { gitErrorLine, GitError, spawnGit, type GitContext } from "./git-process.js";
import { NulTokenizer, RawDiffParser, type ChangeEntry } from "./raw-diff.js";

/** A commit and what it introduced relative to its parents. */
export interface CommitRecord {
  oid: string;
  parents: string[];
  /** Author date, ISO-8601 UTC. */
  date: string;
  /** "Name <email>" */
  author: string;
  entries: ChangeEntry[];
}

export interface HistoryOptions {
  /** Revision lines for `git log --stdin`: commit ids, or "^id" to exclude. Already validated. */
  revisions: string[];
  /** git's --since value (an ISO instant). */
  since?: string;
  maxCount?: number;
  /** Follow renames so a renamed file keeps the commit that introduced its secret. */
  renames: boolean;
}

const HEADER = "\x01";
const SEP = "\x02";

/** The `git log` arguments for a history stream. */
export function logArgs(o: HistoryOptions): string[] {
  const args = [
    "log",
    "--stdin",
    "--reverse",
    "--date-order", // parents before children; otherwise oldest first, so "first" means earliest
    "--raw",
    "-z",
    "--no-abbrev",
    "--root",
    "-c", // merges: only paths that differ from every parent, i.e. what the merge itself introduced
    "--no-ext-diff",
    "--no-textconv",
    "--no-color",
    "--no-mailmap",
    `--format=${HEADER}%H %P${SEP}%at${SEP}%an <%ae>`,
  ];
  args.push(o.renames ? "-M" : "--no-renames");
  if (o.since) args.push(`--since=${o.since}`);
  if (o.maxCount !== undefined) args.push(`--max-count=${o.maxCount}`);
  return args;
}

function parseHeader(token: string): CommitRecord {
  const body = token.slice(1);
  const a = body.indexOf(SEP);
  const b = body.indexOf(SEP, a + 1);
  const [oid, ...parents] = body.slice(0, a).split(" ").filter(Boolean);
  const seconds = Number(body.slice(a + 1, b));
  const author = Buffer.from(body.slice(b + 1), "latin1").toString("utf8");
  const date = Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString().replace(".000Z", "Z") : "";
  return { oid, parents, date, author, entries: [] };
}

/** Parses `git log --raw -z` output (with our header format) into commits. */
export class LogParser {
  private tok = new NulTokenizer();
  private raw = new RawDiffParser();
  private current: CommitRecord | null = null;

  /** Commits completed by this chunk. */
  push(chunk: Buffer): CommitRecord[] {
    const done: CommitRecord[] = [];
    for (const t of this.tok.push(chunk)) this.token(t, done);
    return done;
  }

  /** The last commit, once the stream has ended. */
  end(): CommitRecord[] {
    const done: CommitRecord[] = [];
    const rest = this.tok.end();
    if (rest) this.token(rest, done);
    if (this.current) done.push(this.current);
    this.current = null;
    return done;
  }

  private token(t: string, done: CommitRecord[]): void {
    if (this.raw.busy) {
      const e = this.raw.push(t);
      if (e && this.current) this.current.entries.push(e);
      return;
    }
    const s = t.replace(/^\n+/, "");
    if (!s) return;
    if (s[0] === HEADER) {
      if (this.current) done.push(this.current);
      this.current = parseHeader(s);
      return;
    }
    const e = this.raw.push(s);
    if (e && this.current) this.current.entries.push(e);
  }
}

/**
 * Stream the commits for these revisions. The generator only reads from git as fast as the caller
 * consumes commits, so a slow consumer pauses git instead of buffering the whole history.
 */
export async function* streamHistory(ctx: GitContext, o: HistoryOptions): AsyncGenerator<CommitRecord> {
  const child = spawnGit(ctx, logArgs(o), "pipe");
  const stderr: Buffer[] = [];
  child.stderr!.on("data", (b: Buffer) => stderr.push(b));
  const closed = new Promise<number | null>((res, rej) => {
    child.on("error", rej);
    child.on("close", (code) => res(code));
  });
  child.stdin!.on("error", () => {});
  child.stdin!.end(o.revisions.map((r) => `${r}\n`).join(""));
  const parser = new LogParser();
  let finished = false;
  try {
    for await (const chunk of child.stdout as Readable) {
      for (const c of parser.push(chunk as Buffer)) yield c;
    }
    for (const c of parser.end()) yield c;
    finished = true;
  } finally {
    if (!finished) child.kill();
  }
  const code = await closed;
  if (code !== 0) {
    const args = logArgs(o);
    throw new GitError(gitErrorLine(Buffer.concat(stderr).toString("utf8")) || `git log exited with code ${code}`, args, code);
  }
}
