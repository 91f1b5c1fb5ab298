// The pipeline for git: enumerate the changes to scan (one `git log --raw` stream, or the index),
// read each unique blob once through one `git cat-file --batch` process, scan it with the shared
// engine, then attribute every secret to the commit that introduced it at each path.
import { relative, resolve } from "node:path";
import type { Match, Origin, Report } from "../model.js";
import type { RuleSet } from "../engine/compile.js";
import { createBlobScanner, type BlobScanner } from "./blob-scanner.js";
import { FindingCollector } from "./collector.js";
import { finish, type FinishSettings } from "./run-scan.js";
import { globMatcher } from "../util/glob.js";
import { missingObjects, openRepo, type RepoInfo } from "../sources/git/repo.js";
import { CatFileBatch } from "../sources/git/cat-file.js";
import { streamHistory, type CommitRecord } from "../sources/git/history.js";
import { listStartPoints, parseRange, resolveCommit, validateRevision } from "../sources/git/refs.js";
import { listTree, stagedChanges, treeAsEntries } from "../sources/git/trees.js";
import { attribute, blobsNeeded, type ChangeSource } from "../sources/git/attribution.js";
import { displayPath } from "../sources/git/paths.js";

/** Which changes a git scan reads. */
export type GitScanMode =
  /** Every commit reachable from `refs` (default: all refs, HEAD and the stash reflog). */
  | { kind: "history"; refs: string[]; since?: string; maxCount?: number }
  /** Only what the commits in BASE..HEAD introduce: the merge gate. */
  | { kind: "range"; range: string }
  /** Only what the index adds to HEAD: the pre-commit hook. */
  | { kind: "staged" };

export interface GitScanSettings extends FinishSettings {
  repo: string;
  rules: RuleSet;
  mode: GitScanMode;
  maxFileSize: number;
  /** Config allow.paths: paths neither scanned nor reported. */
  allowPaths: string[];
  showSecrets: boolean;
  onWarning: (msg: string) => void;
  onVerbose?: (msg: string) => void;
  /** Follow renames when attributing (default true; off in partial clones, where it would need blobs). */
  renames?: boolean;
  /** The engine to scan blobs with (default: createBlobScanner). */
  createScanner?: (rules: RuleSet) => BlobScanner;
}

/** Blob reads and scans in flight at once; bounds memory together with cat-file's byte high-water. */
const MAX_INFLIGHT = 32;
const SHOW_NOTES = 10;

/** Scan a git repository's history, a commit range, or the staged changes. */
export async function scanGit(s: GitScanSettings): Promise<Report> {
  const started = new Date();
  const col = new FindingCollector(s.rules, s);
  const repo = await openRepo(s.repo, { keepIndexFile: s.mode.kind === "staged" });
  const target = resolve(s.repo) === repo.root ? s.repo : relative(process.cwd(), repo.root) || ".";
  const note = (message: string) => {
    col.errors.push({ path: target, message });
    s.onWarning(`${target}: ${message}`);
  };
  const skipPath = memo(globMatcher(s.allowPaths), displayPath);
  const run = new BlobRun(repo, s, col, target);
  const sources: ChangeSource[] = [];
  const submodules = new Set<string>();
  let tip: string | null = null;
  let headTree: Map<string, string> | null = null;

  try {
    if (repo.partial) {
      run.absent = await missingObjects(repo.ctx, repo.head ? [repo.head] : []);
      note(`partial clone: ${run.absent.size} object(s) were never downloaded and cannot be scanned; renames are not followed (that would need them)`);
    }
    if (s.mode.kind === "staged") {
      if (repo.bare) throw new GitUsageError(`${s.repo}: a bare repository has no index (--staged needs a working tree)`);
      const entries = await stagedChanges(repo.ctx, repo.head);
      sources.push({ entries });
      await run.requestEntries(entries, skipPath, submodules);
    } else {
      const plan = await planHistory(repo, s.mode, s.onVerbose);
      tip = plan.tip;
      const { revisions, since, maxCount, others } = plan;
      if (!revisions.length && !others.length && s.mode.kind === "history") note("the repository has no commits: nothing to scan");
      const renames = (s.renames ?? true) && !repo.partial;
      if (revisions.length) {
        for await (const c of streamHistory(repo.ctx, { revisions, since, maxCount, renames })) {
          sources.push(c);
          col.stats.commits = (col.stats.commits ?? 0) + 1;
          await run.requestEntries(c.entries, skipPath, submodules);
        }
      }
      for (const o of others) {
        sources.push(o);
        await run.requestEntries(o.entries, skipPath, submodules);
      }
      col.stats.commits ??= 0;
      // Boundary commits of a shallow clone look like root commits: say what could not be seen.
      const shallow = new Set(repo.shallow ?? []);
      const boundary = sources.filter((c) => c.oid && shallow.has(c.oid)).map((c) => c.oid!);
      if (boundary.length) {
        const ids = boundary.slice(0, 3).map((c) => c.slice(0, 12)).join(", ");
        note(
          `shallow clone: the history before ${boundary.length} boundary commit(s) (${ids}${boundary.length > 3 ? ", …" : ""}) is not in this clone, ` +
            "so secrets added and removed before them cannot be seen, and everything those commits hold is attributed to them; run `git fetch --unshallow` for a complete scan",
        );
      }
    }
    await run.drain();

    // The tip's tree decides presentAtHead; old sides and tip blobs of secret-bearing paths must be scanned too.
    headTree = tip ? (await listTree(repo.ctx, tip)).blobs : null;
    const needed = blobsNeeded(sources, run.matchesOf, headTree);
    for (const src of sources) {
      for (const e of src.entries) {
        for (const o of e.oldOids) if (needed.has(o)) await run.request(o, e.oldPath ?? e.path);
        const h = headTree?.get(e.path);
        if (h && needed.has(h)) await run.request(h, e.path);
      }
    }
    await run.drain();
  } finally {
    await run.close();
  }

  if (submodules.size) {
    const list = [...submodules].map(displayPath);
    note(`submodule contents are not scanned (they are other repositories; scan them separately): ${list.slice(0, SHOW_NOTES).join(", ")}${list.length > SHOW_NOTES ? `, and ${list.length - SHOW_NOTES} more` : ""}`);
  }
  if (run.missing) note(`${run.missing} blob(s) are not in this ${repo.partial ? "partial " : ""}clone and could not be scanned`);

  const found = attribute({
    sources,
    matchesOf: run.matchesOf,
    skipPath,
    ruleAllowsPath: (ruleId, raw) => !!s.rules.byId.get(ruleId)?.allowPath?.(displayPath(raw)),
    headTree,
  });
  for (const a of found) {
    if (!a.matches.length) continue;
    const origin: Origin = { kind: "git", target, path: displayPath(a.path), blobId: a.blobOid };
    if (a.source.oid) {
      origin.commit = a.source.oid;
      origin.author = a.source.author;
      origin.date = a.source.date;
    }
    if (a.presentAtHead !== undefined) origin.presentAtHead = a.presentAtHead;
    col.add(origin, 0, { matches: a.matches, warnings: [], artifact: a.matches[0].artifact });
  }
  return finish(col, { ...s, targets: [target] }, started, "git");
}

/** What a history or range scan reads: revisions for `git log`, the tip, and non-commit refs. */
interface HistoryPlan {
  revisions: string[];
  tip: string | null;
  since?: string;
  maxCount?: number;
  /** Refs that point at a tree or blob: scanned as if added, with no commit. */
  others: ChangeSource[];
}

/** Resolve the mode's revisions (validated, as object ids) and the tip presentAtHead refers to. */
async function planHistory(repo: RepoInfo, mode: Exclude<GitScanMode, { kind: "staged" }>, verbose?: (msg: string) => void): Promise<HistoryPlan> {
  if (mode.kind === "range") {
    const { base, head } = parseRange(mode.range);
    const baseOid = await resolveCommit(repo.ctx, base, "--range base");
    const tip = await resolveCommit(repo.ctx, head, "--range head");
    return { revisions: [tip, `^${baseOid}`], tip, others: [] };
  }
  const { since, maxCount } = mode;
  if (mode.refs.length) {
    const revisions: string[] = [];
    for (const r of mode.refs) revisions.push(await resolveCommit(repo.ctx, validateRevision(r, "--branch"), "--branch"));
    return { revisions, tip: revisions[0], since, maxCount, others: [] };
  }
  const starts = await listStartPoints(repo.ctx, repo.head);
  verbose?.(`git: ${starts.refCount} refs, ${starts.commits.length} starting commits`);
  const others: ChangeSource[] = [];
  for (const o of starts.others) {
    const entries = o.type === "blob" ? [{ path: Buffer.from(o.ref, "utf8").toString("latin1"), newOid: o.oid, oldOids: [] }] : treeAsEntries(await listTree(repo.ctx, o.oid));
    others.push({ entries });
  }
  return { revisions: starts.commits, tip: repo.head, since, maxCount, others };
}

/** A problem with how the git scan was asked for (exit 2). */
export class GitUsageError extends Error {}

/** Reads and scans each unique blob once, with bounded concurrency. */
class BlobRun {
  private readonly batch: CatFileBatch;
  private readonly scanner: BlobScanner;
  private readonly requested = new Set<string>();
  private readonly results = new Map<string, Match[]>();
  private active = 0;
  private waiters: (() => void)[] = [];
  private idle: (() => void)[] = [];
  private failure: unknown = null;
  missing = 0;
  /** Objects known to be absent (a partial clone's undownloaded blobs): never asked for. */
  absent = new Set<string>();

  constructor(
    repo: RepoInfo,
    private readonly s: GitScanSettings,
    private readonly col: FindingCollector,
    private readonly target: string,
  ) {
    this.batch = new CatFileBatch(repo.ctx, { maxSize: s.maxFileSize });
    this.scanner = (s.createScanner ?? createBlobScanner)(s.rules);
  }

  /** Matches of a scanned blob (undefined when it had none or was not scanned). */
  readonly matchesOf = (oid: string): Match[] | undefined => this.results.get(oid);

  /** Request the new side of every entry that is a blob at a scanned path. */
  async requestEntries(entries: CommitRecord["entries"], skip: (raw: string) => boolean, submodules: Set<string>): Promise<void> {
    for (const e of entries) {
      if (e.gitlink) submodules.add(e.path);
      else if (!skip(e.path)) await this.request(e.newOid, e.path);
    }
  }

  /** Read and scan a blob unless it has been already; waits while too many are in flight. */
  async request(oid: string, rawPath: string): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.requested.has(oid)) return;
    this.requested.add(oid);
    this.col.stats.blobs++;
    if (this.absent.has(oid)) {
      // Counted and summed up in one note; a warning per blob would drown a partial clone's output.
      this.missing++;
      this.col.stats.skipped.unreadable++;
      this.s.onVerbose?.(`${displayPath(rawPath)}: blob ${oid.slice(0, 12)} is not in this clone`);
      return;
    }
    this.active++;
    this.batch
      .get(oid)
      .then((obj) => this.scanObject(oid, rawPath, obj))
      .catch((e) => {
        this.failure ??= e;
      })
      .finally(() => this.done());
    if (this.active >= MAX_INFLIGHT) await new Promise<void>((res) => this.waiters.push(res));
    if (this.failure) throw this.failure;
  }

  private done(): void {
    this.active--;
    // Resume the producer only at half the limit, so ids go to cat-file in batches, not one write each.
    if (this.active <= MAX_INFLIGHT / 2) for (const res of this.waiters.splice(0)) res();
    if (this.active === 0) for (const res of this.idle.splice(0)) res();
  }

  private async scanObject(oid: string, rawPath: string, obj: Awaited<ReturnType<CatFileBatch["get"]>>): Promise<void> {
    const path = displayPath(rawPath);
    if (obj.type === "missing") {
      this.missing++;
      this.col.error(path, `blob ${oid.slice(0, 12)} is not in this clone`);
      return;
    }
    if (obj.tooLarge) {
      this.col.error(path, `skipped: blob ${oid.slice(0, 12)} is ${obj.size} bytes, above the maximum file size (${this.s.maxFileSize})`, "tooLarge");
      return;
    }
    if (obj.type !== "blob" || !obj.bytes) return;
    const bytes = obj.bytes;
    const size = bytes.length; // read now: a worker pool may transfer the buffer away
    try {
      const origin: Origin = { kind: "git", target: this.target, path, blobId: oid };
      const r = await this.scanner.scan({ origin, bytes });
      // Stats and warnings now; matches wait for attribution, which decides where they are reported.
      this.col.add(origin, size, { ...r, matches: [] });
      if (r.matches.length) this.results.set(oid, r.matches);
    } finally {
      this.batch.release(size);
    }
  }

  /** Wait for every request so far. */
  async drain(): Promise<void> {
    if (this.active) await new Promise<void>((res) => this.idle.push(res));
    if (this.failure) throw this.failure;
  }

  /** Stop the reader and the engine. */
  async close(): Promise<void> {
    if (this.failure) this.batch.kill();
    if (this.active) await new Promise<void>((res) => this.idle.push(res));
    await Promise.allSettled([this.batch.close(), this.scanner.close()]);
  }
}

function memo<K, V>(f: (k: string) => V, map: (k: K) => string): (k: K) => V {
  const cache = new Map<K, V>();
  return (k) => {
    let v = cache.get(k);
    if (v === undefined) {
      v = f(map(k));
      cache.set(k, v);
    }
    return v;
  };
}
