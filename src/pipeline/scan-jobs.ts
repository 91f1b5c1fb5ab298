// The units of work a scanner thread runs, the same on the main thread and in a worker: a blob
// (bytes given), a file (read here by path, so its bytes never cross a thread boundary), or a chunk
// of a big input (bytes given, or a byte range of a file read here).
import type { Blob, Origin } from "../model.js";
import { prepareExtractorsFor } from "../extract/index.js";
import { blankAnsi } from "../extract/offset-map.js";
import type { RuleSet } from "../engine/compile.js";
import { scanBlob, type BlobResult } from "./scan-blob.js";
import { scanChunk, type ChunkResult } from "./stream-chunks.js";
import type { FileReader } from "./file-reader.js";

export type ScanJob =
  | { kind: "blob"; origin: Origin; bytes: Uint8Array }
  | { kind: "file"; origin: Origin; size?: number }
  | { kind: "chunk"; path: string; bytes?: Uint8Array; absPath?: string; offset: number; length: number; ownFrom: number; ownTo: number; blankAnsi?: boolean };

/** A file's outcome: scanned (with its size in bytes) or unreadable. */
export type FileOutcome = { ok: true; bytes: number; result: BlobResult } | { ok: false; error: string };

export type JobOutcome =
  | { kind: "blob"; result: BlobResult }
  | { kind: "file"; outcome: FileOutcome }
  | { kind: "chunk"; result: ChunkResult }
  | { kind: "error"; error: string };

/** Bytes a job will scan, for batching by size. */
export function jobCost(job: ScanJob, fileSize = 0): number {
  if (job.kind === "blob") return job.bytes.length;
  if (job.kind === "chunk") return job.length;
  return fileSize;
}

const asBuffer = (u: Uint8Array): Buffer => (Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.length));

function errorText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code ?? (e as Error).message ?? String(e);
}

/**
 * Run one job; never throws (an unexpected error becomes an "error" outcome naming it). Extractors
 * that need a one-time set-up (a WASM module) get it before their first blob, in whatever thread.
 */
export async function runJob(job: ScanJob, rules: RuleSet, reader: FileReader): Promise<JobOutcome> {
  try {
    switch (job.kind) {
      case "blob": {
        const blob: Blob = { origin: job.origin, bytes: asBuffer(job.bytes) };
        const ready = prepareExtractorsFor(blob);
        if (ready) await ready;
        return { kind: "blob", result: scanBlob(blob, rules) };
      }
      case "file": {
        let blob: Blob;
        try {
          blob = { origin: job.origin, bytes: reader.read(job.origin.absPath!, job.size) };
        } catch (e) {
          return { kind: "file", outcome: { ok: false, error: `cannot read: ${errorText(e)}` } };
        }
        const ready = prepareExtractorsFor(blob);
        if (ready) {
          // The reader's buffer is shared: keep a copy while waiting for the set-up.
          blob = { origin: blob.origin, bytes: Buffer.from(blob.bytes) };
          await ready;
        }
        const result = scanBlob(blob, rules);
        reader.trim();
        return { kind: "file", outcome: { ok: true, bytes: blob.bytes.length, result } };
      }
      case "chunk": {
        const bytes = job.bytes ? asBuffer(job.bytes) : reader.readRange(job.absPath!, job.offset, job.length);
        // Blanking keeps every offset, so positions stay those of the raw bytes.
        const view = job.blankAnsi ? blankAnsi(bytes) : bytes;
        const result = scanChunk(view, Math.min(job.ownFrom, bytes.length), Math.min(job.ownTo, bytes.length), job.path, rules);
        // A buffer that came with the job goes back for reuse: no chunk-sized garbage piles up.
        if (job.bytes) result.spare = Buffer.from(bytes.buffer, 0, bytes.buffer.byteLength);
        return { kind: "chunk", result };
      }
    }
  } catch (e) {
    return { kind: "error", error: `scan failed: ${(e as Error).message ?? String(e)}` };
  }
}
