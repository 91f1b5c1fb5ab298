// The seam between sources and the detection engine: every source hands work to a BlobScanner.
// Small scans (a pre-commit hook, one file) run on the calling thread; once a scan has seen more
// than a few megabytes or a few hundred files, a pool of worker threads sized to the cores starts
// and takes the rest. Jobs are sent in batches by size (not one message per file); files are read
// by the worker from their path, so their bytes never cross a thread boundary; outcomes come back
// one message per batch. The main thread only walks and reports.
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Blob, Origin } from "../model.js";
import type { RuleSet } from "../engine/compile.js";
import { FileReader } from "./file-reader.js";
import type { BlobResult } from "./scan-blob.js";
import { jobCost, runJob, type FileOutcome, type JobOutcome, type ScanJob } from "./scan-jobs.js";
import type { ChunkPlan, ChunkResult } from "./stream-chunks.js";

/** Scans blobs, possibly in parallel; results resolve per blob. */
export interface BlobScanner {
  scan(blob: Blob): Promise<BlobResult>;
  close(): Promise<void>;
}

/** The pool's wider interface: files read by path, and chunks of big inputs. */
export interface PoolScanner extends BlobScanner {
  /** Read and scan a file (`origin.absPath`); `size` is its size from the walk, for batching. */
  scanFile(origin: Origin, size: number): Promise<FileOutcome>;
  /** Scan one chunk of a big input: bytes given (moved to the worker), or read from `absPath`. */
  scanChunk(path: string, plan: ChunkPlan, source: { bytes: Buffer } | { absPath: string }, opts?: ChunkOptions): Promise<ChunkResult>;
  /** Worker threads this scanner may use (0: everything on the calling thread). */
  readonly workers: number;
}

/** How to read a chunk before matching. */
export interface ChunkOptions {
  /** Blank ANSI colour codes (a CI log streamed in chunks). */
  blankAnsi?: boolean;
}

export interface ScannerOptions {
  /** Worker threads; default: the available cores. 0 scans on the calling thread only. */
  workers?: number;
  /** Bytes and jobs seen before the pool starts (defaults keep small scans on the calling thread). */
  minPoolBytes?: number;
  minPoolJobs?: number;
}

/** Work seen before the pool starts: below both, a scan never pays for starting workers. */
const POOL_MIN_BYTES = 8 << 20;
const POOL_MIN_JOBS = 1000;
/** A batch is sent once it holds this many bytes or jobs (or at once to an idle worker). */
const BATCH_BYTES = 2 << 20;
const BATCH_JOBS = 256;
/** Young-generation size of each worker's heap (MB). */
const WORKER_YOUNG_MB = 8;
/** Batches queued per worker, so a worker never waits for the main thread. */
const MAX_INFLIGHT = 2;

/** The default number of workers: the cores this process may use. */
export function defaultWorkers(): number {
  return availableParallelism();
}

interface Pending {
  job: ScanJob;
  cost: number;
  transfer?: ArrayBuffer;
  resolve: (o: JobOutcome) => void;
}

interface PoolWorker {
  worker: Worker;
  ready: boolean;
  inflight: Map<number, Pending[]>;
  dead: boolean;
}

/** The compiled worker script; under a TypeScript test runner, the built copy in dist/. */
function workerScript(): URL {
  const here = new URL("./scan-worker.js", import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  return new URL("../../dist/pipeline/scan-worker.js", import.meta.url);
}

/** Create a scanner: on the calling thread for small scans, a worker pool beyond that. */
export function createBlobScanner(rules: RuleSet, opts: ScannerOptions = {}): PoolScanner {
  return new Scanner(rules, Math.max(0, Math.floor(opts.workers ?? defaultWorkers())), opts.minPoolBytes ?? POOL_MIN_BYTES, opts.minPoolJobs ?? POOL_MIN_JOBS);
}

class Scanner implements PoolScanner {
  private readonly reader = new FileReader();
  private pool: PoolWorker[] | null = null;
  private queue: Pending[] = [];
  private queuedCost = 0;
  private seenBytes = 0;
  private seenJobs = 0;
  private nextId = 1;
  private closing = false;

  constructor(
    private readonly rules: RuleSet,
    readonly workers: number,
    private readonly minPoolBytes: number,
    private readonly minPoolJobs: number,
  ) {}

  async scan(blob: Blob): Promise<BlobResult> {
    const o = await this.submit({ kind: "blob", origin: blob.origin, bytes: blob.bytes }, blob.bytes.length);
    if (o.kind === "blob") return o.result;
    return { matches: [], warnings: [o.kind === "error" ? o.error : "scan failed"], artifact: "plain" };
  }

  async scanFile(origin: Origin, size: number): Promise<FileOutcome> {
    const o = await this.submit({ kind: "file", origin, size }, size);
    if (o.kind === "file") return o.outcome;
    return { ok: false, error: o.kind === "error" ? o.error : "scan failed" };
  }

  async scanChunk(path: string, plan: ChunkPlan, source: { bytes: Buffer } | { absPath: string }, opts: ChunkOptions = {}): Promise<ChunkResult> {
    const job: ScanJob = { kind: "chunk", path, offset: plan.offset, length: plan.length, ownFrom: plan.ownFrom, ownTo: plan.ownTo };
    if (opts.blankAnsi) job.blankAnsi = true;
    let transfer: ArrayBuffer | undefined;
    if ("bytes" in source) {
      job.bytes = source.bytes;
      // Chunk buffers own their memory (chunkStream allocates each one), so they move instead of copying.
      const ab = source.bytes.buffer;
      if (ab instanceof ArrayBuffer && ab.byteLength === source.bytes.byteLength + source.bytes.byteOffset && source.bytes.byteOffset === 0) transfer = ab;
    } else job.absPath = source.absPath;
    const o = await this.submit(job, plan.length, transfer);
    if (o.kind === "chunk") {
      const sp = o.result.spare as Uint8Array | undefined;
      if (sp && !Buffer.isBuffer(sp)) o.result.spare = Buffer.from(sp.buffer, sp.byteOffset, sp.byteLength);
      return o.result;
    }
    throw new Error(o.kind === "error" ? o.error : "chunk scan failed");
  }

  async close(): Promise<void> {
    this.closing = true;
    this.dispatch();
    const pool = this.pool;
    if (!pool) return;
    await Promise.all(
      pool.map(
        (w) =>
          new Promise<void>((res) => {
            const done = () => (w.inflight.size ? setTimeout(done, 1) : res());
            done();
          }),
      ),
    );
    await Promise.all(pool.map((w) => w.worker.terminate()));
    this.pool = null;
  }

  /** Run a job here (small scans) or queue it for the pool. */
  private submit(job: ScanJob, size: number, transfer?: ArrayBuffer): Promise<JobOutcome> {
    const cost = jobCost(job, size);
    if (!this.pool) {
      this.seenBytes += cost;
      this.seenJobs++;
      const big = this.seenBytes > this.minPoolBytes || this.seenJobs > this.minPoolJobs;
      if (this.workers === 0 || !big) return runJob(job, this.rules, this.reader);
      this.startPool();
    }
    return new Promise((resolve) => {
      this.queue.push({ job, cost, transfer, resolve });
      this.queuedCost += cost;
      this.dispatch();
    });
  }

  private startPool(): void {
    const defs = this.rules.rules.map((r) => r.def);
    const url = workerScript();
    this.pool = [];
    for (let i = 0; i < this.workers; i++) {
      // A small young generation: the garbage of a scan is short-lived slices, and each worker's
      // default nursery would otherwise add tens of MB of resident memory that buys no speed.
      const worker = new Worker(url, { workerData: { defs }, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB } });
      const w: PoolWorker = { worker, ready: false, inflight: new Map(), dead: false };
      w.worker.on("message", (msg: { ready?: boolean; id?: number; outcomes?: JobOutcome[] }) => {
        if (msg.ready) w.ready = true;
        else if (msg.id !== undefined) {
          const batch = w.inflight.get(msg.id);
          w.inflight.delete(msg.id);
          batch?.forEach((p, i) => p.resolve(msg.outcomes![i]));
        }
        this.dispatch();
      });
      const fail = (why: string) => {
        if (w.dead) return;
        w.dead = true;
        // Jobs lost with a crashed worker are reported, never silently dropped; the rest carries on.
        for (const batch of w.inflight.values()) for (const p of batch) p.resolve({ kind: "error", error: `scan worker failed: ${why}` });
        w.inflight.clear();
        this.dispatch();
      };
      w.worker.on("error", (e) => fail(e.message));
      w.worker.on("exit", (code) => fail(`exited with code ${code}`));
      this.pool.push(w);
    }
  }

  /** Send batches to workers with room; with no live worker left, run the queue here. */
  private dispatch(): void {
    const pool = this.pool;
    if (!pool) return;
    if (pool.every((w) => w.dead)) {
      const q = this.queue;
      this.queue = [];
      this.queuedCost = 0;
      // In order, one at a time: the reader's buffer is shared.
      void q.reduce((prev, p) => prev.then(async () => p.resolve(await runJob(p.job, this.rules, this.reader))), Promise.resolve());
      return;
    }
    while (this.queue.length) {
      let best: PoolWorker | null = null;
      for (const w of pool) {
        if (w.dead || !w.ready || w.inflight.size >= MAX_INFLIGHT) continue;
        if (!best || w.inflight.size < best.inflight.size) best = w;
      }
      if (!best) return;
      // A busy worker gets full batches only; an idle one gets whatever is waiting.
      const full = this.queuedCost >= BATCH_BYTES || this.queue.length >= BATCH_JOBS;
      if (best.inflight.size > 0 && !full && !this.closing) return;
      let n = 0;
      let cost = 0;
      while (n < this.queue.length && (n === 0 || (cost < BATCH_BYTES && n < BATCH_JOBS))) cost += this.queue[n++].cost;
      const batch = this.queue.splice(0, n);
      this.queuedCost -= cost;
      const id = this.nextId++;
      best.inflight.set(id, batch);
      const transfers = batch.flatMap((p) => (p.transfer ? [p.transfer] : []));
      best.worker.postMessage({ id, jobs: batch.map((p) => p.job) }, transfers);
    }
  }
}
