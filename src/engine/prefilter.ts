// One pass over the input finds every rule keyword: an Aho-Corasick automaton over bytes,
// compiled to a dense DFA with ASCII case folding, so the hot loop is one table lookup per byte.
// States are renumbered so that every state with an output sorts last: the loop tests "is there a
// keyword ending here" with one comparison; transitions are stored premultiplied by the row width so
// no multiplication happens per byte, over byte classes so the table stays small.

const ALPHABET = 256;

/** Keyword hits of one pass: for each keyword index, the offsets where it ends (capped per keyword). */
export interface PrefilterHits {
  /** Keyword indexes that occurred at least once. */
  found: Set<number>;
  /** Offsets just past each occurrence, per keyword index (at most `maxPositions` each). */
  positions: Map<number, number[]>;
}

/**
 * Every keyword occurrence of one pass, in scan order, in reusable typed arrays owned by the matcher
 * (valid until its next `hits` call). `overflow` means more than `limit` occurrences were seen: the
 * `found` flags stay exact but the occurrence list is incomplete.
 */
export interface KeywordHits {
  count: number;
  /** Keyword index of occurrence i. */
  keyword: Int32Array;
  /** Offset just past occurrence i. */
  end: Int32Array;
  /** found[k] = 1 when keyword k occurred. */
  found: Uint8Array;
  /** Keyword indexes that occurred, in first-seen order. */
  foundList: number[];
  overflow: boolean;
}

/** Inputs at least this long are scanned as four interleaved quarters. */
const INTERLEAVE_MIN = 4096;

/** Occurrences kept per pass before giving up on positions (windows then fall back to full scans). */
const DEFAULT_HIT_LIMIT = 1 << 20;

/** A compiled multi-keyword matcher; keywords are ASCII and matched case-insensitively. */
export class KeywordMatcher {
  readonly keywords: string[];
  /** Transition table over byte classes; entries are target state * stride. */
  private readonly delta: Int32Array;
  /** Byte -> class. */
  private readonly classOf: Uint8Array;
  /** Classes per state. */
  private readonly stride: number;
  /** Premultiplied states at or above this value have outputs. */
  private readonly outFrom: number;
  /** Outputs per state index (state / stride); null for states without outputs. */
  private readonly outputs: (Int32Array | null)[];
  private readonly hitLimit: number;
  /** Length of the longest keyword. */
  private readonly maxKeyword: number;
  private hitBuf: KeywordHits;

  constructor(keywords: string[], hitLimit = DEFAULT_HIT_LIMIT) {
    this.keywords = keywords.map((k) => k.toLowerCase());
    this.hitLimit = hitLimit;
    this.maxKeyword = this.keywords.reduce((m, k) => Math.max(m, k.length), 0);
    const fold = new Uint8Array(ALPHABET);
    for (let c = 0; c < ALPHABET; c++) fold[c] = c >= 65 && c <= 90 ? c + 32 : c;

    // Byte classes: bytes that occur in no keyword all behave alike (back to the root), as do the
    // two cases of a letter, so the automaton needs one column per class, not per byte: a table a
    // few times smaller, built faster and staying in cache.
    const cls = new Uint8Array(ALPHABET);
    const classOfFolded = new Map<number, number>();
    for (const kw of this.keywords) {
      for (let i = 0; i < kw.length; i++) {
        const c = fold[kw.charCodeAt(i) & 0xff];
        if (!classOfFolded.has(c)) classOfFolded.set(c, classOfFolded.size + 1);
      }
    }
    for (let c = 0; c < ALPHABET; c++) cls[c] = classOfFolded.get(fold[c]) ?? 0;
    const K = classOfFolded.size + 1;

    // Trie with goto edges over classes; -1 = no edge.
    const edges: Int32Array[] = [new Int32Array(K).fill(-1)];
    const out: number[][] = [[]];
    this.keywords.forEach((kw, idx) => {
      let s = 0;
      for (let i = 0; i < kw.length; i++) {
        const c = cls[kw.charCodeAt(i) & 0xff];
        if (edges[s][c] === -1) {
          edges[s][c] = edges.length;
          edges.push(new Int32Array(K).fill(-1));
          out.push([]);
        }
        s = edges[s][c];
      }
      out[s].push(idx);
    });

    // Breadth-first: fill failure transitions so every (state, class) has a target.
    const n = edges.length;
    const fail = new Int32Array(n);
    const delta = new Int32Array(n * K);
    const queue: number[] = [];
    for (let c = 0; c < K; c++) {
      const t = edges[0][c];
      if (t === -1) delta[c] = 0;
      else {
        delta[c] = t;
        fail[t] = 0;
        queue.push(t);
      }
    }
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi];
      if (out[fail[s]].length) out[s] = out[s].concat(out[fail[s]]);
      const row = edges[s];
      for (let c = 0; c < K; c++) {
        const t = row[c];
        if (t === -1) delta[s * K + c] = delta[fail[s] * K + c];
        else {
          fail[t] = delta[fail[s] * K + c];
          delta[s * K + c] = t;
          queue.push(t);
        }
      }
    }

    // Renumber: states without outputs first (the root stays 0: keywords are never empty), then
    // states with outputs, so "has output" is one comparison in the hot loop.
    const order: number[] = [];
    for (let s = 0; s < n; s++) if (!out[s].length) order.push(s);
    const firstOut = order.length;
    for (let s = 0; s < n; s++) if (out[s].length) order.push(s);
    const newId = new Int32Array(n);
    order.forEach((old, i) => (newId[old] = i));
    const table = new Int32Array(n * K);
    for (let s = 0; s < n; s++) {
      const base = newId[s] * K;
      for (let c = 0; c < K; c++) table[base + c] = newId[delta[s * K + c]] * K;
    }
    this.delta = table;
    this.classOf = cls;
    this.stride = K;
    this.outFrom = firstOut * K;
    this.outputs = order.map((old) => (out[old].length ? Int32Array.from(out[old]) : null));
    this.hitBuf = {
      count: 0,
      keyword: new Int32Array(1024),
      end: new Int32Array(1024),
      found: new Uint8Array(this.keywords.length),
      foundList: [],
      overflow: false,
    };
  }

  /**
   * One pass over bytes (or a string's UTF-16 units; units above 255 never match): every keyword
   * occurrence, in the matcher's reusable hit buffer.
   */
  hits(data: Buffer | string): KeywordHits {
    const h = this.hitBuf;
    h.count = 0;
    h.overflow = false;
    for (const k of h.foundList) h.found[k] = 0;
    h.foundList = [];
    const delta = this.delta;
    const cls = this.classOf;
    const outFrom = this.outFrom;
    let s = 0;
    if (typeof data === "string") {
      for (let i = 0, len = data.length; i < len; i++) {
        const c = data.charCodeAt(i);
        // Units above 255 are in no keyword: class 0 leads back to the root.
        s = delta[s + (c < ALPHABET ? cls[c] : 0)];
        if (s >= outFrom) this.record(s, i + 1);
      }
    } else if (data.length < INTERLEAVE_MIN) {
      for (let i = 0, len = data.length; i < len; i++) {
        s = delta[s + cls[data[i]]];
        if (s >= outFrom) this.record(s, i + 1);
      }
    } else this.hitsInterleaved(data);
    return h;
  }

  /**
   * The same pass over four quarters of the bytes at once. One automaton is a chain of dependent
   * loads; four independent chains let the CPU overlap them (about 1.7x the throughput). Quarter q
   * starts `maxKeyword` bytes early, enough for the automaton state to be exact at its first owned
   * byte, and records only hits ending in its own quarter, so hits stay complete and in order.
   */
  private hitsInterleaved(d: Buffer): void {
    const delta = this.delta;
    const cls = this.classOf;
    const outFrom = this.outFrom;
    const len = d.length;
    const q = len >> 2;
    const warm = Math.min(this.maxKeyword, q);
    const lanes: number[][] = [[], [], [], []];
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let i1 = q - warm;
    let i2 = 2 * q - warm;
    let i3 = 3 * q - warm;
    for (let i0 = 0; i0 < q; i0++, i1++, i2++, i3++) {
      s0 = delta[s0 + cls[d[i0]]];
      s1 = delta[s1 + cls[d[i1]]];
      s2 = delta[s2 + cls[d[i2]]];
      s3 = delta[s3 + cls[d[i3]]];
      if (s0 >= outFrom) lanes[0].push(s0, i0 + 1);
      if (s1 >= outFrom && i1 >= q) lanes[1].push(s1, i1 + 1);
      if (s2 >= outFrom && i2 >= 2 * q) lanes[2].push(s2, i2 + 1);
      if (s3 >= outFrom && i3 >= 3 * q) lanes[3].push(s3, i3 + 1);
    }
    // Lanes 1-3 stopped `warm` bytes short of their ends; the last one also owns the remainder.
    for (let i = q - warm; i < q; i++, i1++, i2++) {
      s1 = delta[s1 + cls[d[i1]]];
      s2 = delta[s2 + cls[d[i2]]];
      if (s1 >= outFrom && i1 >= q) lanes[1].push(s1, i1 + 1);
      if (s2 >= outFrom && i2 >= 2 * q) lanes[2].push(s2, i2 + 1);
    }
    for (; i3 < len; i3++) {
      s3 = delta[s3 + cls[d[i3]]];
      if (s3 >= outFrom && i3 >= 3 * q) lanes[3].push(s3, i3 + 1);
    }
    for (const lane of lanes) for (let j = 0; j < lane.length; j += 2) this.record(lane[j], lane[j + 1]);
  }

  private record(state: number, end: number): void {
    const h = this.hitBuf;
    const outs = this.outputs[(state / this.stride) | 0]!;
    for (let j = 0; j < outs.length; j++) {
      const k = outs[j];
      if (!h.found[k]) {
        h.found[k] = 1;
        h.foundList.push(k);
      }
      if (h.count >= this.hitLimit) {
        h.overflow = true;
        continue;
      }
      if (h.count === h.keyword.length) {
        const cap = h.keyword.length * 2;
        const kw = new Int32Array(cap);
        kw.set(h.keyword);
        const en = new Int32Array(cap);
        en.set(h.end);
        h.keyword = kw;
        h.end = en;
      }
      h.keyword[h.count] = k;
      h.end[h.count] = end;
      h.count++;
    }
  }

  /** Scan and report keyword hits per keyword (at most `maxPositions` offsets each). */
  scan(data: Buffer | string, maxPositions = 64): PrefilterHits {
    const h = this.hits(data);
    const found = new Set<number>(h.foundList);
    const positions = new Map<number, number[]>();
    for (let i = 0; i < h.count; i++) {
      const k = h.keyword[i];
      let p = positions.get(k);
      if (!p) positions.set(k, (p = []));
      if (p.length < maxPositions) p.push(h.end[i]);
    }
    return { found, positions };
  }
}
