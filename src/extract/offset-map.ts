// Maps offsets in decoded text back to byte offsets in the raw blob. Decoding (JSON escapes, UTF-8,
// joined list items) breaks the one-to-one relation only at a few places, so the map stores anchors
// where it breaks and counts one-to-one between them: cheap for the mostly-ASCII text agents write.
import { floorIndex } from "../util/floor-index.js";
import type { Segment, TaskWindow } from "../model.js";

/** Piecewise offset map: decoded offset -> raw offset, one-to-one between anchors. */
export class OffsetMap {
  private readonly dec: number[] = [];
  private readonly raw: number[] = [];

  /** Record that decoded offset `d` comes from raw offset `r` (anchors are added in increasing `d`). */
  anchor(d: number, r: number): void {
    const n = this.dec.length;
    if (n && this.dec[n - 1] === d) {
      this.raw[n - 1] = r;
      return;
    }
    // Skip anchors that the one-to-one run before them already implies.
    if (n && r - this.raw[n - 1] === d - this.dec[n - 1]) return;
    this.dec.push(d);
    this.raw.push(r);
  }

  /** Raw offset of a decoded offset. */
  map(d: number): number {
    const dec = this.dec;
    let lo = 0;
    let hi = dec.length - 1;
    if (hi < 0) return d;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (dec[mid] <= d) lo = mid;
      else hi = mid - 1;
    }
    return this.raw[lo] + (d - dec[lo]);
  }
}

/** A decoded piece of text and how its offsets map to raw offsets (null: no raw position). */
export interface MappedText {
  text: string;
  map: (offset: number) => number | null;
}

/** Text taken verbatim from raw offset `start`. */
export function verbatim(text: string, start: number): MappedText {
  return { text, map: (o) => start + o };
}

/** Join pieces into one text; each piece keeps its own mapping. */
export function joinMapped(pieces: MappedText[], sep = ""): MappedText {
  if (pieces.length === 1 && !sep) return pieces[0];
  const starts: number[] = [];
  let text = "";
  for (const p of pieces) {
    if (starts.length && sep) text += sep;
    starts.push(text.length);
    text += p.text;
  }
  return {
    text,
    map: (o) => {
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= o) lo = mid;
        else hi = mid - 1;
      }
      const p = pieces[lo];
      return p.map(Math.min(o - starts[lo], p.text.length));
    },
  };
}

export interface SegmentMeta {
  artifact: string;
  layer: string;
  pointer?: string;
  hasLines: boolean;
  taskWindow?: TaskWindow;
  context?: Record<string, string | number | boolean>;
}

/** Copy a segment's optional metadata (pointer, task window, context) from `meta`. */
function withMeta(seg: Segment, meta: SegmentMeta): Segment {
  if (meta.pointer !== undefined) seg.pointer = meta.pointer;
  if (meta.taskWindow) seg.taskWindow = meta.taskWindow;
  if (meta.context) seg.context = meta.context;
  return seg;
}

/**
 * A segment over decoded text with an optional label before it ("KEY=" or "key: "), so rules keyed
 * on an assignment name see the name; offsets inside the label map to the start of the value.
 */
export function mappedSegment(m: MappedText, meta: SegmentMeta, label = ""): Segment {
  const n = label.length;
  const seg: Segment = {
    data: n ? label + m.text : m.text,
    rawOffset: n ? (o) => m.map(o <= n ? 0 : o - n) : m.map,
    hasLines: meta.hasLines,
    artifact: meta.artifact,
    layer: meta.layer,
  };
  return withMeta(seg, meta);
}

/** A segment over a byte range of the raw blob (scanned as latin1, so offsets stay byte offsets). */
export function rawRangeSegment(bytes: Buffer, start: number, end: number, meta: SegmentMeta): Segment {
  const seg: Segment = {
    data: bytes.subarray(start, end),
    rawOffset: (o) => start + o,
    hasLines: meta.hasLines,
    artifact: meta.artifact,
    layer: meta.layer,
  };
  return withMeta(seg, meta);
}

/** Escape one JSON-pointer token (RFC 6901). */
export function pointerToken(t: string | number): string {
  return typeof t === "number" ? String(t) : t.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** A JSON pointer from a path. */
export function jsonPointer(path: readonly (string | number)[]): string {
  let s = "";
  for (const t of path) s += `/${pointerToken(t)}`;
  return s;
}

// CSI sequences (colours, erase-line) and the two-byte ESC forms terminals use in CI logs.
const ANSI = /\x1b\[[0-9;?]{0,32}[A-Za-z]|\x1b[@-Z\\-_]/g;

/**
 * Replace ANSI escape sequences with spaces of the same length, so a secret right after a colour
 * code starts at a word boundary while every offset still points at the same raw byte.
 */
export function blankAnsi(bytes: Buffer): Buffer {
  if (!bytes.includes(0x1b)) return bytes;
  const out = Buffer.from(bytes);
  const text = bytes.toString("latin1");
  for (const m of text.matchAll(ANSI)) out.fill(0x20, m.index!, m.index! + m[0].length);
  return out;
}

/** The same ANSI blanking for decoded text (notebook tracebacks). */
export function blankAnsiText(text: string): string {
  return text.includes("\x1b") ? text.replace(ANSI, (s) => " ".repeat(s.length)) : text;
}


/** One decoded value to join: its text, map, pointer and the label shown before it. */
export interface Piece extends MappedText {
  pointer: string;
  label?: string;
}

/**
 * Joins many decoded values into one segment, one per line ("label" + text), so rules that look
 * across values (an AWS key id beside its secret, in sibling JSON members) still see them together,
 * while each match maps back to its own value's raw bytes and pointer.
 */
export class PieceJoiner {
  private readonly pieces: Piece[] = [];

  /** Add a value. */
  add(p: Piece): void {
    this.pieces.push(p);
  }

  get size(): number {
    return this.pieces.length;
  }

  /** The joined segment, or null when nothing was added. */
  segment(meta: Omit<SegmentMeta, "pointer">): Segment | null {
    const pieces = this.pieces;
    if (!pieces.length) return null;
    const starts: number[] = [];
    const textStarts: number[] = [];
    const parts: string[] = [];
    let len = 0;
    for (const p of pieces) {
      starts.push(len);
      const label = p.label ?? "";
      textStarts.push(len + label.length);
      parts.push(label, p.text, "\n");
      len += label.length + p.text.length + 1;
    }
    const seg: Segment = {
      data: parts.join(""),
      rawOffset: (o) => {
        const i = floorIndex(starts, o);
        const p = pieces[i];
        return p.map(Math.min(p.text.length, Math.max(0, o - textStarts[i])));
      },
      pointerAt: (o) => pieces[floorIndex(starts, o)].pointer,
      hasLines: meta.hasLines,
      artifact: meta.artifact,
      layer: meta.layer,
    };
    if (meta.taskWindow) seg.taskWindow = meta.taskWindow;
    if (meta.context) seg.context = meta.context;
    return seg;
  }
}

/** Pointer lookup over sorted, non-overlapping raw ranges [starts[i], ends[i]); outside them, undefined. */
export function rangePointers(starts: readonly number[], ends: readonly number[], pointers: readonly (string | undefined)[], base = 0): (offset: number) => string | undefined {
  return (o) => {
    if (!starts.length) return undefined;
    const abs = base + o;
    const i = floorIndex(starts, abs);
    return abs >= starts[i] && abs < ends[i] ? pointers[i] : undefined;
  };
}
