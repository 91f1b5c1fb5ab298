// The pipeline for filesystem and stdin scans: sources -> extract/detect -> enrich -> a Report.
// Only this module and the CLI know every stage.
import { closeSync, openSync, readSync } from "node:fs";
import type { Origin, Report, ScanInfo, TaskWindow } from "../model.js";
import type { RuleSet } from "../engine/compile.js";
import { walkTarget } from "../sources/filesystem.js";
import { looksBinary } from "../extract/index.js";
import { EXTRACTORS } from "../extract/registry.js";
import type { Extractor, StreamProfile } from "../extract/types.js";
import { timestampedLogWindowFromEnds } from "../extract/timestamped-log.js";
import { enrichAll, type EnrichOptions } from "../enrich/index.js";
import { FindingCollector, type CollectorSettings } from "./collector.js";
import { shardFilter, type Shard } from "../util/shard.js";
import { createBlobScanner, type ChunkOptions, type PoolScanner } from "./blob-scanner.js";
import { CHUNK_OVERLAP, CHUNK_SIZE, chunkStream, planChunks, StreamAssembler, type ChunkPlan } from "./stream-chunks.js";
import type { BlobResult } from "./scan-blob.js";
import { globMatcher } from "../util/glob.js";
import { VERSION } from "../version.js";

export interface ScanSettings {
  targets: string[];
  rules: RuleSet;
  gitignore: boolean;
  include: string[];
  exclude: string[];
  maxFileSize: number;
  /** Config allow.paths: files here are not scanned. */
  allowPaths: string[];
  /** Config allow.fingerprints: findings with these are kept but marked suppressed. */
  allowFingerprints: Set<string>;
  showSecrets: boolean;
  enrich: EnrichOptions;
  /** Warnings go here as they happen (stderr in the CLI). */
  onWarning: (msg: string) => void;
  /** Verbose notes (skipped files and why). */
  onVerbose?: (msg: string) => void;
  /** Worker threads (--workers); default: the available cores; 0 = scan on the main thread. */
  workers?: number;
  onProgress?: CollectorSettings["onProgress"];
  /** --shard K/N: only files whose target and path hash into this shard. */
  shard?: Shard | null;
}

/** Jobs handed to the scanner and not yet finished: enough to keep every worker's batches full. */
const MAX_PENDING = 4096;
/** Chunks of one big input in flight at once, per worker. */
const CHUNKS_PER_WORKER = 2;

/** Counts in-flight work and lets the producer wait for room. */
class Backpressure {
  private n = 0;
  private waiters: (() => void)[] = [];
  private idle: (() => void)[] = [];
  constructor(private readonly max: number) {}
  /** Resolves when a slot is free, and takes it. */
  async acquire(): Promise<void> {
    while (this.n >= this.max) await new Promise<void>((r) => this.waiters.push(r));
    this.n++;
  }
  release(): void {
    this.n--;
    this.waiters.shift()?.();
    if (this.n === 0) for (const r of this.idle.splice(0)) r();
  }
  /** Resolves when nothing is in flight. */
  drained(): Promise<void> {
    return this.n === 0 ? Promise.resolve() : new Promise((r) => this.idle.push(r));
  }
}

/** Scan files and directories on disk. */
export async function scanFilesystem(s: ScanSettings): Promise<Report> {
  const started = new Date();
  const col = new FindingCollector(s.rules, s);
  const scanner = createBlobScanner(s.rules, { workers: s.workers });
  const allowed = globMatcher(s.allowPaths);
  const inShard = shardFilter(s.shard);
  const pending = new Backpressure(MAX_PENDING);
  try {
    for (const target of s.targets) {
      const walk = walkTarget(
        target,
        { gitignore: s.gitignore, include: s.include, exclude: s.exclude },
        (p) => col.error(p.path, p.message),
        (path, why) => s.onVerbose?.(`${path}: skipped (${why})`),
      );
      for await (const file of walk) {
        if (allowed(file.path)) {
          s.onVerbose?.(`${file.path}: skipped (allow.paths)`);
          continue;
        }
        if (!inShard(`${target}\0${file.path}`)) continue;
        col.stats.files++;
        const origin: Origin = { kind: "file", target, path: file.path, absPath: file.absPath };
        if (file.size > s.maxFileSize) {
          await scanBigFile(origin, file.size, scanner, col, s);
          continue;
        }
        await pending.acquire();
        scanner.scanFile(origin, file.size).then((o) => {
          if (o.ok) col.add(origin, o.bytes, o.result);
          else col.error(file.path, o.error);
          pending.release();
        });
      }
    }
    await pending.drained();
  } finally {
    await scanner.close();
  }
  return finish(col, s, started, "filesystem");
}

/**
 * A file above --max-file-size: plain text (logs, dumps) and CI logs are scanned in chunks with flat
 * memory, a log's task window read from its ends; binary files are skipped as binary, and structured
 * artifacts that need the whole file (databases, transcripts) as too large.
 */
async function scanBigFile(origin: Origin, size: number, scanner: PoolScanner, col: FindingCollector, s: ScanSettings): Promise<void> {
  const path = origin.path;
  let head: Buffer;
  try {
    head = readHead(origin.absPath!);
  } catch (e) {
    col.error(path, `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    return;
  }
  const kind = streamKind(origin, head);
  if (kind === "binary") {
    col.add(origin, size, { matches: [], skipped: "binary", warnings: [], artifact: "binary" });
    return;
  }
  if (kind === "structured") {
    col.error(path, `skipped: ${size} bytes exceeds the maximum file size (${s.maxFileSize})`, "tooLarge");
    return;
  }
  const profile = kind === "plain" ? undefined : kind.stream;
  s.onVerbose?.(`${path}: ${size} bytes, scanned in chunks${profile ? ` as a ${profile.artifact}` : ""}`);
  const absPath = origin.absPath!;
  let window: TaskWindow | null;
  try {
    const tail = readTail(absPath, size);
    window = profile ? profile.window(head, tail) : timestampedLogWindowFromEnds(head, tail);
  } catch (e) {
    col.error(path, `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    return;
  }
  const plans = planChunks(size).map((plan) => ({ plan, source: { absPath } }));
  const r = await scanChunks(scanner, path, plans, s.rules, undefined, { blankAnsi: profile?.blankAnsi });
  if ("error" in r) col.error(path, r.error);
  else col.add(origin, size, asStreamedArtifact(r.result, profile, window));
}

/** What the whole-file extractor would have said about a streamed artifact (minus its step labels). */
function asStreamedArtifact(result: BlobResult, profile: StreamProfile | undefined, window: TaskWindow | null): BlobResult {
  for (const m of result.matches) {
    if (profile) {
      m.artifact = profile.artifact;
      m.context = { ...profile.context, ...m.context };
    }
    if (window) m.taskWindow ??= window;
  }
  return { ...result, artifact: profile?.artifact ?? result.artifact, ...(window ? { taskWindow: window } : {}) };
}

/**
 * Scan the chunks of one big input with a bounded number in flight and assemble their matches into one
 * result; chunk buffers that come back are handed to `spare` for reuse.
 */
async function scanChunks(
  scanner: PoolScanner,
  path: string,
  chunks: Iterable<ChunkJob> | AsyncIterable<ChunkJob>,
  rules: RuleSet,
  spare?: Buffer[],
  opts: ChunkOptions = {},
): Promise<{ result: BlobResult; bytes: number } | { error: string }> {
  const asm = new StreamAssembler();
  const window = new Backpressure(Math.max(1, scanner.workers) * CHUNKS_PER_WORKER);
  let failed: string | null = null;
  let bytes = 0;
  for await (const { plan, source } of chunks) {
    bytes = plan.offset + plan.length;
    await window.acquire();
    scanner.scanChunk(path, plan, source, opts).then(
      (r) => {
        if (r.spare) spare?.push(r.spare);
        r.spare = undefined;
        asm.add(plan, r);
        window.release();
      },
      (e: Error) => {
        failed ??= e.message;
        window.release();
      },
    );
  }
  await window.drained();
  return failed ? { error: failed } : { result: asm.finish(rules), bytes };
}

interface ChunkJob {
  plan: ChunkPlan;
  source: { bytes: Buffer } | { absPath: string };
}

const HEAD_BYTES = 8000;
/** Bytes read from the end of a big log for its last timestamps. */
const TAIL_BYTES = 1 << 20;

function readHead(absPath: string): Buffer {
  const fd = openSync(absPath, "r");
  try {
    const b = Buffer.alloc(HEAD_BYTES);
    return b.subarray(0, readSync(fd, b, 0, HEAD_BYTES, 0));
  } finally {
    closeSync(fd);
  }
}

/** The last bytes of a file, where a log's last timestamps are. */
function readTail(absPath: string, size: number): Buffer {
  const n = Math.min(size, TAIL_BYTES);
  const fd = openSync(absPath, "r");
  try {
    const b = Buffer.alloc(n);
    return b.subarray(0, readSync(fd, b, 0, n, size - n));
  } finally {
    closeSync(fd);
  }
}

/**
 * How the start of a big input says it can be scanned: in plain chunks, in chunks as the artifact
 * whose extractor claims it (a CI log), or not at all.
 */
function streamKind(origin: Origin, head: Buffer): "plain" | "binary" | "structured" | Extractor {
  const path = origin.path.replace(/\\/g, "/");
  // A structured extractor (a SQLite database, a transcript) or UTF-16 decoding needs the whole input.
  const claimer = EXTRACTORS.find((e) => e.claims(path, head));
  if (claimer) return claimer.stream ? claimer : "structured";
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return "structured";
  return looksBinary(head) ? "binary" : "plain";
}

/** Scan standard input: as one blob when small, in chunks (flat memory) above --max-file-size. */
export async function scanStdinSource(s: ScanSettings, stream: NodeJS.ReadableStream = process.stdin): Promise<Report> {
  const started = new Date();
  const col = new FindingCollector(s.rules, s);
  const origin: Origin = { kind: "stdin", target: "-", path: "stdin" };
  col.stats.files++;
  const scanner = createBlobScanner(s.rules, { workers: s.workers });
  try {
    const input = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
    const head = await readUpTo(input, s.maxFileSize + 1);
    let headBytes: Buffer | null = Buffer.concat(head.chunks);
    head.chunks.length = 0;
    const kind = streamKind(origin, headBytes.subarray(0, HEAD_BYTES));
    if (head.done || kind === "structured") {
      // Small input, or an artifact that needs all of it: one blob, as any file.
      const rest = head.done ? [] : await readAll(input);
      const bytes = rest.length ? Buffer.concat([headBytes, ...rest]) : headBytes;
      col.add(origin, bytes.length, await scanner.scan({ origin, bytes }));
      return finish(col, s, started, "stdin");
    }
    if (kind === "binary") {
      col.add(origin, headBytes.length, { matches: [], skipped: "binary", warnings: [], artifact: "binary" });
      return finish(col, s, started, "stdin");
    }
    const profile = kind === "plain" ? undefined : kind.stream;
    const first = Buffer.from(headBytes.subarray(0, HEAD_BYTES));
    const rest: AsyncIterable<Buffer | string> = { [Symbol.asyncIterator]: () => input };
    const spare: Buffer[] = [];
    const chunks = chunkStream(rest, [headBytes], CHUNK_SIZE, CHUNK_OVERLAP, spare);
    headBytes = null; // the chunker holds it until copied; nothing else should
    // The end of each chunk is copied before the chunk moves to a worker: the last one holds the
    // log's last timestamps.
    let tail = Buffer.alloc(0);
    const jobs = (async function* () {
      for await (const { plan, bytes } of chunks) {
        tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - TAIL_BYTES)));
        yield { plan, source: { bytes } };
      }
    })();
    const r = await scanChunks(scanner, "stdin", jobs, s.rules, spare, { blankAnsi: profile?.blankAnsi });
    const window = profile ? profile.window(first, tail) : timestampedLogWindowFromEnds(first, tail);
    if ("error" in r) col.error("stdin", r.error);
    else col.add(origin, r.bytes, asStreamedArtifact(r.result, profile, window));
  } finally {
    await scanner.close();
  }
  return finish(col, s, started, "stdin");
}

/** Read from an iterator until `limit` bytes or the end. */
async function readUpTo(it: AsyncIterator<Buffer | string>, limit: number): Promise<{ chunks: Buffer[]; done: boolean }> {
  const chunks: Buffer[] = [];
  let n = 0;
  while (n < limit) {
    const r = await it.next();
    if (r.done) return { chunks, done: true };
    const b = typeof r.value === "string" ? Buffer.from(r.value) : r.value;
    chunks.push(b);
    n += b.length;
  }
  return { chunks, done: false };
}

async function readAll(it: AsyncIterator<Buffer | string>): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for (let r = await it.next(); !r.done; r = await it.next()) out.push(typeof r.value === "string" ? Buffer.from(r.value) : r.value);
  return out;
}
/** What `finish` needs from a scan's settings (every source's settings carry these). */
export type FinishSettings = Pick<ScanSettings, "targets" | "enrich" | "allowFingerprints">;

/** Enrich, sort and wrap the collected findings into a Report. */
export function finish(col: FindingCollector, s: FinishSettings, started: Date, source: ScanInfo["source"]): Report {
  col.stats.blobs = col.stats.blobs || col.stats.files;
  // Workers finish in any order: sort so the report does not depend on scheduling.
  col.errors.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
  const findings = enrichAll(col.items, s.enrich);
  for (const f of findings) {
    if (s.allowFingerprints.has(f.fingerprint)) f.suppressed = { by: "config allow.fingerprints" };
  }
  findings.sort(
    (a, b) =>
      a.location.target.localeCompare(b.location.target) ||
      a.location.path.localeCompare(b.location.path) ||
      (a.location.line ?? 0) - (b.location.line ?? 0) ||
      (a.location.column ?? 0) - (b.location.column ?? 0) ||
      a.ruleId.localeCompare(b.ruleId),
  );
  const finished = new Date();
  col.stats.durationMs = finished.getTime() - started.getTime();
  return {
    schemaVersion: 1,
    tool: { name: "nhi-scan", version: VERSION },
    scan: {
      startedAt: started.toISOString(),
      finishedAt: finished.toISOString(),
      now: s.enrich.now.toISOString(),
      targets: s.targets,
      source,
      stats: col.stats,
    },
    findings,
    errors: col.errors,
  };
}
