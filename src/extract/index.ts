// Chooses how to turn a blob into text segments: structured extractors claim artifacts by path or
// content; everything else is plain text (plus a cheap base64 layer), and binary blobs are skipped.
import type { Blob, Segment, TaskWindow } from "../model.js";
import { base64Segments } from "./base64-layer.js";
import { plainSegment } from "./plain.js";
import { timestampedLogWindow } from "./timestamped-log.js";

/** What an extractor produced for one blob. */
export interface Extraction {
  segments: Segment[];
  /** Set when the blob was not scanned: why. */
  skipped?: "binary";
  /** Problems worth a warning (malformed line, unreadable table); the scan goes on. */
  warnings: string[];
  /** The artifact type of the blob as a whole. */
  artifact: string;
  taskWindow?: TaskWindow;
}

/** A structured extractor: claims a blob by path and first bytes, then cuts it into segments. */
export interface Extractor {
  name: string;
  claims(path: string, head: Buffer): boolean;
  extract(blob: Blob): Extraction;
}

const extractors: Extractor[] = [];

/** Add a structured extractor; earlier registrations win. */
export function registerExtractor(e: Extractor): void {
  extractors.push(e);
}

const SNIFF_BYTES = 8000;

/** A NUL byte in the first 8000 bytes marks binary, as git decides it. */
export function looksBinary(bytes: Buffer): boolean {
  return bytes.subarray(0, SNIFF_BYTES).includes(0);
}

function isUtf16(bytes: Buffer): "utf16le" | null {
  return bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe ? "utf16le" : null;
}

/** Turn a blob into segments to scan. */
export function extract(blob: Blob): Extraction {
  const head = blob.bytes.subarray(0, SNIFF_BYTES);
  for (const e of extractors) {
    if (e.claims(blob.origin.path, head)) return e.extract(blob);
  }
  if (isUtf16(blob.bytes)) {
    // UTF-16 text (Windows tools write it): decode; positions map to the byte offset of each unit.
    const text = blob.bytes.toString("utf16le", 2);
    const seg: Segment = { data: text, rawOffset: (o) => 2 + o * 2, hasLines: false, artifact: "plain", layer: "utf16" };
    return { segments: [seg], warnings: [], artifact: "plain" };
  }
  if (looksBinary(blob.bytes)) return { segments: [], skipped: "binary", warnings: [], artifact: "binary" };
  const segments = [plainSegment(blob)];
  if (blob.bytes.includes("Secret")) segments.push(...base64Segments(blob, blob.bytes.toString("latin1")));
  // A plain log whose lines start with timestamps records its task: the last stamp is the task end.
  const taskWindow = timestampedLogWindow(blob.bytes) ?? undefined;
  if (taskWindow) for (const seg of segments) seg.taskWindow ??= taskWindow;
  return { segments, warnings: [], artifact: "plain", taskWindow };
}
