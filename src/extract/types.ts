// The contract between the extract stage and its extractors.
import type { Blob, Segment, TaskWindow } from "../model.js";

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
  /** Cheap: path tests first, then a look at the first bytes. `path` uses forward slashes. */
  claims(path: string, head: Buffer): boolean;
  /** Never throws on malformed input: problems become warnings and the bytes are still scanned. */
  extract(blob: Blob): Extraction;
  /** One-time asynchronous setup (loading a WASM module); `extract` stays synchronous. */
  prepare?(): Promise<void>;
}
