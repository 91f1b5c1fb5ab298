// Decodes the values agent frameworks store in SQLite cells: LangGraph's serializers (msgpack with
// extension types, json, bytes, pickle; `msgpack+aes` is encrypted), JSON text, and plain strings.
// Strings inside a decoded value become segments with a pointer "table[key].column#/path".
import { safeErrorMessage } from "../util/safe-error.js";
import type * as Msgpack from "@msgpack/msgpack";
import type { Segment } from "../model.js";
import { isPrintableText } from "./base64-layer.js";
import { jsonStringPieces, MIN_LEAF } from "./json-segments.js";
import { jsonPointer, PieceJoiner, verbatim } from "./offset-map.js";

/** LangGraph's ext codes 0-5 wrap `(module, class, payload, …)`; 6 is a numpy array (binary). */
const NUMPY_EXT = 6;

let mp: typeof Msgpack | null = null;
let codec: Msgpack.ExtensionCodec | null = null;

/** Load @msgpack/msgpack (lazily: only scans that meet a database pay for it). */
export async function prepareMsgpack(): Promise<void> {
  if (mp) return;
  const lib = await import("@msgpack/msgpack");
  const c = new lib.ExtensionCodec();
  for (let type = 0; type <= 7; type++) {
    c.register({
      type,
      encode: () => null,
      decode: (data: Uint8Array) => {
        if (type === NUMPY_EXT) return null;
        try {
          const v = decodeMsgpack(data);
          // (module, class, payload[, method]): the payload (kwargs, args or the single value) is what
          // the pointer goes through, so a message's text is at /messages/0/content.
          if (Array.isArray(v) && v.length >= 3 && typeof v[0] === "string" && typeof v[1] === "string") return v[2];
          return v;
        } catch {
          return new lib.ExtData(type, data);
        }
      },
    });
  }
  mp = lib;
  codec = c;
}

/** Decode msgpack with LangGraph's extension types unpacked recursively; unknown ext types stay ExtData. */
export function decodeMsgpack(bytes: Uint8Array): unknown {
  if (!mp || !codec) throw new Error("msgpack reader not initialised");
  return mp.decode(bytes, { extensionCodec: codec, mapKeyConverter: (k) => (typeof k === "string" || typeof k === "number" ? k : String(k)) });
}

/** Keys whose values record when something happened in the task. */
export const TIME_KEYS = new Set(["ts", "timestamp", "created_at", "createdAt", "updated_at", "updatedAt", "lastUpdatedAt", "datetime"]);

export interface CellMeta {
  artifact: string;
  /** "table[key].column" */
  pointer: string;
  /** Receives every instant-like value met while walking (key, value). */
  onTime?: (key: string, value: unknown) => void;
}

const NO_RAW = () => null;

/** Add a decoded JS value's string leaves (and printable byte strings) to `joiner`. */
export function valuePieces(value: unknown, pointer: string, joiner: PieceJoiner): void {
  const walk = (v: unknown, path: (string | number)[], depth: number): void => {
    if (depth > 64 || v === null || v === undefined) return;
    if (typeof v === "string") {
      if (v.length >= MIN_LEAF) {
        const k = path[path.length - 1];
        // JSON text inside a value (tool-call arguments) is opened like a JSON cell.
        textPieces(v, `${pointer}#${jsonPointer(path)}`, typeof k === "string" ? `${k}: ` : "", joiner);
      }
      return;
    }
    if (v instanceof Uint8Array) {
      const b = Buffer.from(v.buffer, v.byteOffset, v.byteLength);
      if (b.length >= MIN_LEAF && isPrintableText(b)) walk(b.toString("utf8"), path, depth);
      return;
    }
    if (mp && v instanceof mp.ExtData) {
      walk(v.data, path, depth + 1);
      return;
    }
    if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, [...path, i], depth + 1));
      return;
    }
    if (v instanceof Map) {
      for (const [k, x] of v) walk(x, [...path, String(k)], depth + 1);
      return;
    }
    if (typeof v === "object" && !(v instanceof Date)) {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) walk(x, [...path, k], depth + 1);
    }
  };
  walk(value, [], 0);
}

/** Add a text value to `joiner`: JSON is opened into its string values, anything else is one piece. */
function textPieces(text: string, pointer: string, label: string, joiner: PieceJoiner): void {
  const t = text.trimStart();
  if ((t.startsWith("{") || t.startsWith("[")) && t.length > 2) {
    let ok = true;
    try {
      JSON.parse(text);
    } catch {
      ok = false;
    }
    if (ok) {
      jsonStringPieces(text, 0, text.length, { artifact: "", hasLines: false, utf8: false, pointerPrefix: `${pointer}#`, outerMap: NO_RAW }, joiner);
      return;
    }
  }
  if (text.length >= MIN_LEAF) joiner.add({ ...verbatim(text, 0), map: NO_RAW, pointer, label });
}

function cellSegment(joiner: PieceJoiner, meta: CellMeta, out: Segment[]): void {
  const seg = joiner.segment({ artifact: meta.artifact, layer: "decoded", hasLines: false });
  if (seg) out.push(seg);
}

/** Report every value stored under a time-like key anywhere in a decoded value. */
export function valueTimes(value: unknown, onTime: (key: string, value: unknown) => void, depth = 0): void {
  if (depth > 64 || value === null || typeof value !== "object" || value instanceof Uint8Array || value instanceof Date) return;
  if (Array.isArray(value)) {
    for (const x of value) valueTimes(x, onTime, depth + 1);
    return;
  }
  if (value instanceof Map) {
    for (const [k, x] of value) {
      if (TIME_KEYS.has(String(k))) onTime(String(k), x);
      else valueTimes(x, onTime, depth + 1);
    }
    return;
  }
  for (const [k, x] of Object.entries(value as Record<string, unknown>)) {
    if (TIME_KEYS.has(k)) onTime(k, x);
    else valueTimes(x, onTime, depth + 1);
  }
}

/** One segment for a text cell: JSON is opened into its string values, anything else is one value. */
export function textCellSegments(text: string, meta: CellMeta, label: string, out: Segment[]): void {
  const joiner = new PieceJoiner();
  textPieces(text, meta.pointer, label, joiner);
  if (meta.onTime) {
    const t = text.trimStart();
    if (t.startsWith("{") || t.startsWith("[")) {
      try {
        valueTimes(JSON.parse(text), meta.onTime);
      } catch {
        /* not JSON: no times */
      }
    }
  }
  cellSegment(joiner, meta, out);
}

/** Raw bytes of a cell scanned as latin1 (pickle streams and unknown binary keep strings as UTF-8 runs). */
export function rawCellSegment(bytes: Uint8Array, meta: CellMeta): Segment {
  return { data: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), rawOffset: NO_RAW, hasLines: false, artifact: meta.artifact, layer: "raw", pointer: meta.pointer };
}

/** The outcome of reading one BLOB cell. */
export type BlobCellResult = { ok: true; value?: unknown } | { ok: false; reason: "encrypted" | "malformed"; message: string };

/**
 * Segments for a BLOB cell; `serializer` is LangGraph's `type` column when the row has one.
 * Returns the decoded value (for timestamps) or why the cell could not be read.
 */
export function blobCellSegments(bytes: Uint8Array, serializer: string | null, meta: CellMeta, label: string, out: Segment[]): BlobCellResult {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ser = serializer?.toLowerCase() ?? null;
  if (ser && (ser.includes("aes") || ser.includes("encrypt"))) {
    return { ok: false, reason: "encrypted", message: `${meta.pointer}: encrypted value (${serializer}) cannot be scanned` };
  }
  if (ser === "null" || ser === "empty" || b.length === 0) return { ok: true };
  if (ser === "msgpack" || (ser === null && !isPrintableText(b) && (b[0] & 0xf0) === 0x80)) {
    try {
      const value = decodeMsgpack(b);
      const joiner = new PieceJoiner();
      valuePieces(value, meta.pointer, joiner);
      cellSegment(joiner, meta, out);
      if (meta.onTime) valueTimes(value, meta.onTime);
      return { ok: true, value };
    } catch (e) {
      out.push(rawCellSegment(b, meta));
      if (ser === "msgpack") return { ok: false, reason: "malformed", message: `${meta.pointer}: not valid msgpack (${safeErrorMessage(e)}); scanned as raw bytes` };
      return { ok: true };
    }
  }
  if (ser === "pickle") {
    out.push(rawCellSegment(b, meta));
    return { ok: true };
  }
  if (isPrintableText(b)) {
    textCellSegments(b.toString("utf8"), meta, label, out);
    return { ok: true };
  }
  out.push(rawCellSegment(b, meta));
  return { ok: true };
}
