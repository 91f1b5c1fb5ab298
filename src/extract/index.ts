// Chooses how to turn a blob into text segments: structured extractors (the static list in
// registry.ts) claim artifacts by path or content; everything else is plain text (plus a cheap
// base64 layer), and binary blobs are skipped.
import { safeErrorMessage } from "../util/safe-error.js";
import type { Blob } from "../model.js";
import { extractPlain, looksBinary, rawBytesExtraction } from "./plain.js";
import { EXTRACTORS } from "./registry.js";
import { withLogWindow } from "./timestamped-log.js";
import type { Extraction, Extractor } from "./types.js";

export type { Extraction, Extractor } from "./types.js";
export { extractPlain, looksBinary };

const SNIFF_BYTES = 8000;

/**
 * Run every extractor's one-time setup (sql.js loads its WASM module, about 0.1 s). Calling again is
 * free. Without it (or `prepareExtractorsFor`), SQLite databases are scanned as raw bytes, with a warning.
 */
export async function prepareExtractors(): Promise<void> {
  await Promise.all(EXTRACTORS.filter((e) => e.prepare).map((e) => preparing.get(e) ?? preparing.set(e, e.prepare!()).get(e)!));
}

/**
 * Run the one-time setup of the extractors that claim this blob (sql.js's WASM module only loads when
 * a SQLite file is met, so scans without one never pay for it). Await before `extract` in every
 * process or worker that scans; it is free once done.
 */
export function prepareExtractorsFor(blob: Blob): Promise<void> | undefined {
  const head = blob.bytes.subarray(0, SNIFF_BYTES);
  let pending: Promise<void>[] | undefined;
  for (const e of EXTRACTORS) {
    if (!e.prepare || !e.claims(blob.origin.path, head)) continue;
    const p = preparing.get(e) ?? preparing.set(e, e.prepare()).get(e)!;
    (pending ??= []).push(p);
  }
  return pending && Promise.all(pending).then(() => {});
}

const preparing = new Map<Extractor, Promise<void>>();

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
      return rawBytesExtraction(blob, "plain", [`${e.name}: ${safeErrorMessage(err)}; scanned as raw bytes`], !looksBinary(blob.bytes));
    }
  }
  // A plain log whose lines start with timestamps records its task: the last stamp is the task end.
  return withLogWindow(blob, extractPlain(blob));
}
