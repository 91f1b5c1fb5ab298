// Turns a JSON document (or one JSONL line) into one segment per string value: the decoded text,
// a JSON pointer to it, and a map back to the raw escaped span, so a secret inside "\n"-joined file
// contents is reported on the raw line that holds it.
import type { Segment } from "../model.js";
import { decodeJsonString, walkJsonStrings, type JsonPath, type JsonStringLeaf } from "./json-strings.js";
import { jsonPointer, PieceJoiner, type MappedText, type SegmentMeta } from "./offset-map.js";

/** Strings shorter than this hold no credential worth a segment of its own. */
export const MIN_LEAF = 6;

/** Decides how a string value is presented to the rules. */
export interface LeafPolicy {
  /**
   * The label before the value ("KEY=" or "key: "), or null to drop the value. The default labels an
   * object member with its key and leaves array items bare.
   */
  label?(path: JsonPath, text: string, leaf: JsonStringLeaf): string | null;
  /** Rewrite the decoded text without changing its length (blank out references). */
  mask?(path: JsonPath, text: string): string;
}

export interface JsonSegmentOptions extends Omit<SegmentMeta, "pointer" | "layer"> {
  /** `src` holds raw bytes as latin1 (offsets are byte offsets) rather than decoded text. */
  utf8: boolean;
  /** Prefix for every pointer (e.g. "checkpoints[t/1].metadata#"). */
  pointerPrefix?: string;
  policy?: LeafPolicy;
  /** How many levels of JSON text held inside a string are opened (default 2). */
  nestedDepth?: number;
  /** Map an offset in `src` to a raw offset (for text that is itself decoded). */
  outerMap?: (o: number) => number | null;
}

/** The default label: an object member's key. */
export function defaultLabel(path: JsonPath): string {
  const k = path[path.length - 1];
  return typeof k === "string" && k ? `${k}: ` : "";
}

function looksLikeJsonText(t: string): boolean {
  let i = 0;
  while (i < t.length && i < 64 && (t.charCodeAt(i) === 32 || t.charCodeAt(i) === 10 || t.charCodeAt(i) === 13 || t.charCodeAt(i) === 9)) i++;
  const c = t.charCodeAt(i);
  return (c === 0x7b || c === 0x5b) && t.length - i > 2;
}

/** Add every string value of the JSON text at [from, to) of `src` to `joiner`. */
export function jsonStringPieces(src: string, from: number, to: number, opts: JsonSegmentOptions, joiner: PieceJoiner): void {
  const depth = opts.nestedDepth ?? 2;
  walkJsonStrings(
    src,
    from,
    to,
    opts.utf8,
    (leaf) => {
      const decoded = decodeJsonString(src, leaf.start, leaf.end, opts.utf8, leaf.plain);
      const outer = opts.outerMap;
      const mapped: MappedText = outer
        ? {
            text: decoded.text,
            map: (o) => {
              const r = decoded.map(o);
              return r === null ? null : outer(r);
            },
          }
        : decoded;
      const pointer = (opts.pointerPrefix ?? "") + jsonPointer(leaf.path);
      // JSON text inside a string (tool arguments, function outputs): open it so its own escapes decode.
      if (depth > 0 && looksLikeJsonText(mapped.text)) {
        let ok = true;
        try {
          JSON.parse(mapped.text);
        } catch {
          ok = false;
        }
        if (ok) {
          jsonStringPieces(mapped.text, 0, mapped.text.length, { ...opts, utf8: false, pointerPrefix: `${pointer}#`, nestedDepth: depth - 1, outerMap: mapped.map }, joiner);
          return;
        }
      }
      if (mapped.text.length < MIN_LEAF) return;
      const label = opts.policy?.label ? opts.policy.label(leaf.path, mapped.text, leaf) : defaultLabel(leaf.path);
      if (label === null) return;
      const text = opts.policy?.mask ? opts.policy.mask(leaf.path, mapped.text) : mapped.text;
      joiner.add({ text, map: mapped.map, pointer, label });
    },
    MIN_LEAF,
  );
}

/**
 * One segment for all string values of the JSON text at [from, to) of `src` (joined one per line, each
 * mapped to its raw span and pointer), appended to `out`; nothing when there is no value worth scanning.
 */
export function jsonStringSegments(src: string, from: number, to: number, opts: JsonSegmentOptions, out: Segment[]): void {
  const joiner = new PieceJoiner();
  jsonStringPieces(src, from, to, opts, joiner);
  const seg = joiner.segment({ artifact: opts.artifact, layer: "json-string", hasLines: opts.hasLines, taskWindow: opts.taskWindow, context: opts.context });
  if (seg) out.push(seg);
}
