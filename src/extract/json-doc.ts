// Whole-document JSON artifacts (agent state, tool settings, credentials files): parsed once, one
// segment per string value with its pointer. Invalid JSON is a warning and the bytes are scanned as text.
import { safeErrorMessage } from "../util/safe-error.js";
import type { Blob, Segment } from "../model.js";
import { jsonStringSegments, type LeafPolicy } from "./json-segments.js";
import { plainSegment } from "./plain.js";
import { parseTimeValue, WindowBuilder } from "./timestamps.js";
import type { Extraction } from "./types.js";

export interface JsonDocOptions {
  artifact: string;
  policy?: LeafPolicy;
  /** Keys whose values are instants of the task (e.g. "ts" in Cline UI messages). */
  timeKeys?: readonly string[];
  context?: Record<string, string | number | boolean>;
}

/** Parse the blob as JSON; the value, or an error message. */
export function parseJsonBlob(bytes: Buffer): { value?: unknown; error?: string; offset: number } {
  const offset = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    return { value: JSON.parse(bytes.toString("utf8", offset)), offset };
  } catch (e) {
    return { error: safeErrorMessage(e), offset };
  }
}

/** Add every instant found under one of `keys` anywhere in a parsed value. */
export function collectTimes(value: unknown, keys: ReadonlySet<string>, win: WindowBuilder, depth = 0): void {
  if (depth > 64 || value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    for (const v of value) collectTimes(v, keys, win, depth + 1);
    return;
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (keys.has(k)) win.add(parseTimeValue(v));
    else if (v && typeof v === "object") collectTimes(v, keys, win, depth + 1);
  }
}

/** Extract a whole-document JSON artifact. */
export function extractJsonDocument(blob: Blob, opts: JsonDocOptions): Extraction {
  const parsed = parseJsonBlob(blob.bytes);
  if (parsed.error !== undefined) {
    const seg = plainSegment(blob, opts.artifact);
    if (opts.context) seg.context = opts.context;
    return { segments: [seg], warnings: [`not valid JSON (${parsed.error}); scanned as plain text`], artifact: opts.artifact };
  }
  const segments: Segment[] = [];
  const src = blob.bytes.toString("latin1");
  jsonStringSegments(src, parsed.offset, src.length, { artifact: opts.artifact, hasLines: true, utf8: true, policy: opts.policy, context: opts.context }, segments);
  let taskWindow;
  if (opts.timeKeys?.length) {
    const win = new WindowBuilder();
    collectTimes(parsed.value, new Set(opts.timeKeys), win);
    taskWindow = win.window();
  }
  return { segments, warnings: [], artifact: opts.artifact, taskWindow };
}
