// Finds every string value of a JSON text together with its exact span, and decodes JSON string
// escapes (\n, \", \u002F) and UTF-8 while keeping a map back to the raw bytes. JSON.parse gives
// values but no positions; this walker gives positions, and runs only on text JSON.parse accepted.
import { OffsetMap, verbatim, type MappedText } from "./offset-map.js";

export type JsonPath = (string | number)[];

/** One string value of a JSON text: where it sits and how to reach it. */
export interface JsonStringLeaf {
  path: JsonPath;
  /** Offsets of the string's contents (inside the quotes) in the source text. */
  start: number;
  end: number;
  /** In an array: the string element just before this one when it looks like a flag ("--dsn"). */
  prevFlag?: string;
  /** The contents need no decoding (no escape, no multi-byte character). */
  plain: boolean;
}

interface Frame {
  arr: boolean;
  cur: string | number;
  expectKey: boolean;
  prevFlag?: string;
}

// A run of characters that stand for themselves inside a JSON string: no quote, no backslash and, for
// raw UTF-8 bytes read as latin1, no byte >= 0x80. Sticky, so each search stops at the first special.
const PLAIN_UTF8 = /[^"\\\x80-\xff]*/y;
const PLAIN_TEXT = /[^"\\]*/y;

/** End of the plain run starting at `p`. */
function plainRun(src: string, p: number, utf8: boolean): number {
  const re = utf8 ? PLAIN_UTF8 : PLAIN_TEXT;
  re.lastIndex = p;
  re.exec(src);
  return re.lastIndex;
}

/**
 * Offset of the closing quote of a JSON string whose contents start at `p`, and whether the contents
 * hold anything to decode (an escape, or a multi-byte UTF-8 sequence).
 */
function stringEnd(src: string, p: number, to: number, utf8: boolean): { end: number; plain: boolean } {
  let plain = true;
  for (;;) {
    p = plainRun(src, p, utf8);
    if (p >= to) return { end: to, plain };
    const c = src.charCodeAt(p);
    if (c === 34) return { end: p, plain };
    plain = false;
    p += c === 92 ? 2 : 1;
  }
}

const SIMPLE_ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", '"': '"', "\\": "\\", "/": "/" };

/**
 * Decode the contents of a JSON string at [start, end) of `src`. With `utf8`, `src` holds raw bytes
 * as latin1 characters (so offsets are byte offsets) and multi-byte sequences are decoded too.
 */
export function decodeJsonString(src: string, start: number, end: number, utf8: boolean, plain?: boolean): MappedText {
  if (plain ?? plainRun(src, start, utf8) >= end) return verbatim(src.slice(start, end), start);
  const map = new OffsetMap();
  map.anchor(0, start);
  let out = "";
  let d = 0;
  let p = start;
  while (p < end) {
    const at = Math.min(end, plainRun(src, p, utf8));
    if (at > p) {
      out += src.slice(p, at);
      d += at - p;
    }
    if (at >= end) break;
    map.anchor(d, at);
    let ch: string;
    let len: number;
    const c = src.charCodeAt(at);
    if (c === 92) {
      const e = src[at + 1];
      if (e === "u") {
        const cp = parseInt(src.slice(at + 2, at + 6), 16);
        ch = Number.isNaN(cp) ? "\uFFFD" : String.fromCharCode(cp);
        len = 6;
      } else {
        ch = SIMPLE_ESCAPES[e] ?? e ?? "";
        len = 2;
      }
    } else if (c === 34) {
      // A bare quote cannot occur inside a valid string; keep it rather than stop early.
      ch = '"';
      len = 1;
    } else {
      const [cp, n] = utf8At(src, at, end);
      ch = String.fromCodePoint(cp);
      len = n;
    }
    out += ch;
    d += ch.length;
    p = Math.min(end, at + len);
    map.anchor(d, p);
  }
  map.anchor(d, end);
  return { text: out, map: (o) => map.map(o) };
}

/** Decode one UTF-8 sequence from latin1 characters; invalid bytes become U+FFFD one at a time. */
function utf8At(src: string, p: number, end: number): [number, number] {
  const b0 = src.charCodeAt(p);
  const n = b0 >= 0xf0 && b0 < 0xf8 ? 4 : b0 >= 0xe0 ? 3 : b0 >= 0xc0 ? 2 : 0;
  if (!n || p + n > end) return [0xfffd, 1];
  let cp = b0 & (0x7f >> n);
  for (let i = 1; i < n; i++) {
    const b = src.charCodeAt(p + i);
    if ((b & 0xc0) !== 0x80) return [0xfffd, 1];
    cp = (cp << 6) | (b & 0x3f);
  }
  return cp > 0x10ffff ? [0xfffd, 1] : [cp, n];
}

/** Visit every string value (not keys) of the JSON text at [from, to) of `src`. */
export function walkJsonStrings(src: string, from: number, to: number, utf8: boolean, visit: (leaf: JsonStringLeaf) => void, minLength = 0): void {
  const stack: Frame[] = [];
  let i = from;
  while (i < to) {
    const c = src.charCodeAt(i);
    if (c === 0x7b) {
      stack.push({ arr: false, cur: "", expectKey: true });
      i++;
    } else if (c === 0x5b) {
      stack.push({ arr: true, cur: 0, expectKey: false });
      i++;
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop();
      i++;
    } else if (c === 0x2c) {
      const top = stack[stack.length - 1];
      if (top) {
        if (top.arr) top.cur = (top.cur as number) + 1;
        else top.expectKey = true;
      }
      i++;
    } else if (c === 0x22) {
      const { end, plain } = stringEnd(src, i + 1, to, utf8);
      const top = stack[stack.length - 1];
      if (top && !top.arr && top.expectKey) {
        top.cur = decodeJsonString(src, i + 1, end, utf8, plain).text;
        top.expectKey = false;
      } else {
        let prevFlag: string | undefined;
        if (top?.arr) {
          prevFlag = top.prevFlag;
          top.prevFlag = undefined;
          // Only short strings can be flags; looking costs a decode of a few bytes.
          if (end - i - 1 <= 64 && src.charCodeAt(i + 1) === 45) top.prevFlag = decodeJsonString(src, i + 1, end, utf8, plain).text;
        }
        // A raw span is never shorter than its decoded text, so short spans can be skipped unseen.
        if (end - i - 1 >= minLength) visit({ path: stack.map((f) => f.cur), start: i + 1, end, prevFlag, plain });
      }
      i = end + 1;
    } else i++;
  }
}
