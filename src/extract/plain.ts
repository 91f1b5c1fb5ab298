// The default extraction: the raw bytes themselves, scanned as latin1 so offsets are byte offsets.
import type { Blob, Segment } from "../model.js";
import { base64Segments } from "./base64-layer.js";
import type { Extraction } from "./types.js";

const SNIFF_BYTES = 8000;

/** One segment covering the whole blob as-is. */
export function plainSegment(blob: Blob, artifact = "plain"): Segment {
  return { data: blob.bytes, rawOffset: (o) => o, hasLines: true, artifact, layer: "raw" };
}

/** A NUL byte in the first 8000 bytes marks binary, as git decides it. */
export function looksBinary(bytes: Buffer): boolean {
  return bytes.subarray(0, SNIFF_BYTES).includes(0);
}

function isUtf16(bytes: Buffer): boolean {
  return bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe;
}

/** The plain-text extraction every unclaimed blob gets. */
export function extractPlain(blob: Blob): Extraction {
  if (isUtf16(blob.bytes)) {
    // UTF-16 text (Windows tools write it): decode; positions map to the byte offset of each unit.
    const text = blob.bytes.toString("utf16le", 2);
    const seg: Segment = { data: text, rawOffset: (o) => 2 + o * 2, hasLines: false, artifact: "plain", layer: "utf16" };
    return { segments: [seg], warnings: [], artifact: "plain" };
  }
  if (looksBinary(blob.bytes)) return { segments: [], skipped: "binary", warnings: [], artifact: "binary" };
  const segments = [plainSegment(blob)];
  if (blob.bytes.includes("Secret")) segments.push(...base64Segments(blob, blob.bytes.toString("latin1")));
  return { segments, warnings: [], artifact: "plain" };
}

/**
 * The whole blob as raw bytes, binary or not: the fallback for a container that failed to parse
 * (printable runs inside binary pages still hold secrets). `hasLines` false for binary containers.
 */
export function rawBytesExtraction(blob: Blob, artifact: string, warnings: string[], hasLines = false): Extraction {
  return { segments: [{ data: blob.bytes, rawOffset: (o) => o, hasLines, artifact, layer: "raw" }], warnings, artifact };
}
