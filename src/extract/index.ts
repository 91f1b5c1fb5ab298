// Chooses how to turn a blob into text segments: structured extractors (the static list in
// registry.ts) claim artifacts by path or content; everything else is plain text (plus a cheap
// base64 layer), and binary blobs are skipped.
import type { Blob } from "../model.js";
import { extractPlain, looksBinary, rawBytesExtraction } from "./plain.js";
import { EXTRACTORS } from "./registry.js";
import type { Extraction } from "./types.js";

export type { Extraction, Extractor } from "./types.js";
export { extractPlain, looksBinary };

const SNIFF_BYTES = 8000;

let prepared: Promise<void> | null = null;

/**
 * Run every extractor's one-time setup (sql.js loads its WASM module). Call once per process, and
 * once in each worker thread, before scanning; calling again is free. Without it SQLite databases
 * are scanned as raw bytes, with a warning.
 */
export function prepareExtractors(): Promise<void> {
  prepared ??= Promise.all(EXTRACTORS.map((e) => e.prepare?.())).then(() => {});
  return prepared;
}

/** Turn a blob into segments to scan. */
export function extract(blob: Blob): Extraction {
  const head = blob.bytes.subarray(0, SNIFF_BYTES);
  const path = blob.origin.path.includes("\\") ? blob.origin.path.replace(/\\/g, "/") : blob.origin.path;
  for (const e of EXTRACTORS) {
    if (!e.claims(path, head)) continue;
    try {
      return e.extract(blob);
    } catch (err) {
      // An input no guard foresaw must not end the scan: fall back to the raw bytes.
      return rawBytesExtraction(blob, "plain", [`${e.name}: ${(err as Error).message}; scanned as raw bytes`], !looksBinary(blob.bytes));
    }
  }
  return extractPlain(blob);
}
