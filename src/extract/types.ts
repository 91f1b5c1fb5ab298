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

/**
 * How an artifact too big to hold whole is scanned as a stream of plain chunks: what it is, the
 * context its findings carry, and its task window read from its first and last bytes alone.
 */
export interface StreamProfile {
  artifact: string;
  context: Record<string, string | boolean>;
  /** Blank ANSI colour codes before matching (CI logs), as the whole-file extractor does. */
  blankAnsi: boolean;
  /** The task window from the first bytes and the last ones (`tail` may start mid-line). */
  window(head: Buffer, tail: Buffer): TaskWindow | null;
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
  /** Set when the artifact can also be scanned in chunks (above --max-file-size); otherwise it is skipped as too large. */
  stream?: StreamProfile;
}
