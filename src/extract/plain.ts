// The default extractor: the raw bytes themselves, scanned as latin1 so offsets are byte offsets.
import type { Blob, Segment } from "../model.js";

/** One segment covering the whole blob as-is. */
export function plainSegment(blob: Blob, artifact = "plain"): Segment {
  return { data: blob.bytes, rawOffset: (o) => o, hasLines: true, artifact, layer: "raw" };
}
