// Plain log files whose lines start with an ISO-8601 timestamp reveal the task they record: the first
// and last timestamps are its window, and a credential in the log that stays valid after the last one
// outlives its task. Reads only the first bytes and the tail; never splits the whole file into lines.
import type { Blob, TaskWindow } from "../model.js";
import type { Extraction } from "./types.js";
import { parseIsoInstant } from "../util/iso-instant.js";

// An optional BOM or "[" then "2026-11-21T10:02:03(.fraction)(zone)" or with a space for the T.
const LINE_TS = /^\uFEFF?\[?(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?)(?=[\s\]|,;]|$)/;
const HEAD = 64;
/** How far back from the end to look for the last timestamped line. */
const TAIL_BYTES = 1 << 20;
const TAIL_LINES = 2000;

function stampAt(bytes: Buffer, start: number, end: number): number | null {
  const m = LINE_TS.exec(bytes.toString("latin1", start, Math.min(end, start + HEAD)));
  return m ? parseIsoInstant(m[1]) : null;
}

/**
 * The task window of a log whose first line starts with a timestamp: first timestamp to the last
 * line that starts with one. Null for anything else, and for a multi-line file with only one stamp.
 */
export function timestampedLogWindow(bytes: Buffer): TaskWindow | null {
  const firstEnd = bytes.indexOf(10, 0);
  const first = stampAt(bytes, 0, firstEnd < 0 ? bytes.length : firstEnd);
  if (first === null) return null;
  let last: number | null = null;
  let lineEnd = bytes.length;
  const floor = Math.max(0, bytes.length - TAIL_BYTES);
  for (let n = 0; n < TAIL_LINES && lineEnd > floor; n++) {
    const nl = lineEnd > 0 ? bytes.lastIndexOf(10, lineEnd - 1) : -1;
    const lineStart = nl + 1;
    if (lineStart === 0) break; // back at the first line
    if (lineEnd > lineStart) {
      last = stampAt(bytes, lineStart, lineEnd);
      if (last !== null) break;
    }
    lineEnd = nl;
  }
  if (last === null) {
    if (firstEnd >= 0 && firstEnd < bytes.length - 1) return null;
    last = first;
  }
  const [a, b] = last < first ? [last, first] : [first, last];
  return { start: new Date(a).toISOString(), end: new Date(b).toISOString() };
}

/** The same window for a log too big to hold: read from its first bytes and its last ones (`tail` may start mid-line). */
export function timestampedLogWindowFromEnds(head: Buffer, tail: Buffer): TaskWindow | null {
  const firstEnd = head.indexOf(10);
  if (firstEnd < 0) return null;
  const lastLines = tail.subarray(tail.indexOf(10) + 1);
  return timestampedLogWindow(Buffer.concat([head.subarray(0, firstEnd + 1), lastLines]));
}

/** Give a plain-text extraction of a timestamped log its task window; anything else is returned as is. */
export function withLogWindow(blob: Blob, ex: Extraction): Extraction {
  if (ex.skipped || ex.taskWindow || ex.artifact !== "plain" || ex.segments[0]?.layer !== "raw") return ex;
  const taskWindow = timestampedLogWindow(blob.bytes);
  if (!taskWindow) return ex;
  for (const seg of ex.segments) seg.taskWindow ??= taskWindow;
  return { ...ex, taskWindow };
}
