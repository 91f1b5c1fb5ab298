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
}

interface Frame {
  arr: boolean;
  cur: string | number;
  expectKey: boolean;
  prevFlag?: string;
}

/** Offset of the closing quote of a JSON string whose contents start at `p`. */
function stringEnd(src: string, p: number, to: number): number {
  while (p < to) {
    const c = src.charCodeAt(p);
    if (c === 92) p += 2;
    else if (c === 34) return p;
    else p++;
  }
  return to;
}

const SIMPLE_ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", '"': '"', "\\": "\\", "/": "/" };

/**
 * Decode the contents of a JSON string at [start, end) of `src`. With `utf8`, `src` holds raw bytes
 * as latin1 characters (so offsets are byte offsets) and multi-byte sequences are decoded too.
 */
export function decodeJsonString(src: string, start: number, end: number, utf8: boolean): MappedText {
  let slow = false;
  for (let p = start; p < end; p++) {
    const c = src.charCodeAt(p);
    if (c === 92 || (utf8 && c >= 0x80)) {
      slow = true;
      break;
    }
  }
  if (!slow) return verbatim(src.slice(start, end), start);
  const map = new OffsetMap();
  map.anchor(0, start);
  let out = "";
  let d = 0;
  let run = start;
  let p = start;
  const flush = () => {
    if (p > run) {
      out += src.slice(run, p);
      d += p - run;
    }
  };
  while (p < end) {
    const c = src.charCodeAt(p);
    if (c === 92) {
      flush();
      map.anchor(d, p);
      const e = src[p + 1];
      let ch: string;
      let len = 2;
      if (e === "u") {
        const cp = parseInt(src.slice(p + 2, p + 6), 16);
        ch = Number.isNaN(cp) ? "\uFFFD" : String.fromCharCode(cp);
        len = 6;
      } else ch = SIMPLE_ESCAPES[e] ?? e ?? "";
      out += ch;
      d += ch.length;
      p = Math.min(end, p + len);
      map.anchor(d, p);
      run = p;
    } else if (utf8 && c >= 0x80) {
      flush();
      map.anchor(d, p);
      const [cp, n] = utf8At(src, p, end);
      const ch = String.fromCodePoint(cp);
      out += ch;
      d += ch.length;
      p += n;
      map.anchor(d, p);
      run = p;
    } else p++;
  }
  flush();
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
      const end = stringEnd(src, i + 1, to);
      const top = stack[stack.length - 1];
      if (top && !top.arr && top.expectKey) {
        top.cur = decodeJsonString(src, i + 1, end, utf8).text;
        top.expectKey = false;
      } else {
        let prevFlag: string | undefined;
        if (top?.arr) {
          prevFlag = top.prevFlag;
          top.prevFlag = undefined;
          // Only short strings can be flags; looking costs a decode of a few bytes.
          if (end - i - 1 <= 64 && src.charCodeAt(i + 1) === 45) top.prevFlag = decodeJsonString(src, i + 1, end, utf8).text;
        }
        // A raw span is never shorter than its decoded text, so short spans can be skipped unseen.
        if (end - i - 1 >= minLength) visit({ path: stack.map((f) => f.cur), start: i + 1, end, prevFlag });
      }
      i = end + 1;
    } else i++;
  }
}
