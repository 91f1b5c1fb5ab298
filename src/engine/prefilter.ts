// One pass over the input finds every rule keyword: an Aho-Corasick automaton over bytes,
// compiled to a dense DFA with ASCII case folding, so the hot loop is one table lookup per byte.

const ALPHABET = 256;

/** Keyword hits of one pass: for each keyword index, the offsets where it ends (capped per keyword). */
export interface PrefilterHits {
  /** Keyword indexes that occurred at least once. */
  found: Set<number>;
  /** Offsets just past each occurrence, per keyword index (at most `maxPositions` each). */
  positions: Map<number, number[]>;
}

/** A compiled multi-keyword matcher; keywords are ASCII and matched case-insensitively. */
export class KeywordMatcher {
  readonly keywords: string[];
  private readonly delta: Int32Array;
  /** For each state, the keyword indexes that end there (including via suffix links). */
  private readonly outputs: (number[] | null)[];
  private readonly fold: Uint8Array;

  constructor(keywords: string[]) {
    this.keywords = keywords.map((k) => k.toLowerCase());
    this.fold = new Uint8Array(ALPHABET);
    for (let c = 0; c < ALPHABET; c++) this.fold[c] = c >= 65 && c <= 90 ? c + 32 : c;

    // Trie with goto edges; -1 = no edge.
    const edges: Int32Array[] = [new Int32Array(ALPHABET).fill(-1)];
    const out: number[][] = [[]];
    this.keywords.forEach((kw, idx) => {
      let s = 0;
      for (let i = 0; i < kw.length; i++) {
        const c = this.fold[kw.charCodeAt(i) & 0xff];
        if (edges[s][c] === -1) {
          edges[s][c] = edges.length;
          edges.push(new Int32Array(ALPHABET).fill(-1));
          out.push([]);
        }
        s = edges[s][c];
      }
      out[s].push(idx);
    });

    // Breadth-first: fill failure transitions so every (state, byte) has a target.
    const n = edges.length;
    const fail = new Int32Array(n);
    const delta = new Int32Array(n * ALPHABET);
    const queue: number[] = [];
    for (let c = 0; c < ALPHABET; c++) {
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
      for (let c = 0; c < ALPHABET; c++) {
        const t = edges[s][c];
        if (t === -1) delta[s * ALPHABET + c] = delta[fail[s] * ALPHABET + c];
        else {
          fail[t] = delta[fail[s] * ALPHABET + c];
          delta[s * ALPHABET + c] = t;
          queue.push(t);
        }
      }
    }
    // Case folding is applied to the table itself so the scan loop needs no extra lookup.
    for (let s = 0; s < n; s++) {
      for (let c = 65; c <= 90; c++) delta[s * ALPHABET + c] = delta[s * ALPHABET + c + 32];
    }
    this.delta = delta;
    this.outputs = out.map((o) => (o.length ? o : null));
  }

  /** Scan bytes (or a string's UTF-16 units, non-Latin-1 units never match) and report keyword hits. */
  scan(data: Buffer | string, maxPositions = 64): PrefilterHits {
    const found = new Set<number>();
    const positions = new Map<number, number[]>();
    const delta = this.delta;
    const outputs = this.outputs;
    let s = 0;
    const record = (state: number, end: number) => {
      for (const k of outputs[state]!) {
        found.add(k);
        let p = positions.get(k);
        if (!p) positions.set(k, (p = []));
        if (p.length < maxPositions) p.push(end);
      }
    };
    if (typeof data === "string") {
      for (let i = 0, len = data.length; i < len; i++) {
        const c = data.charCodeAt(i);
        s = c < ALPHABET ? delta[s * ALPHABET + c] : 0;
        if (outputs[s] !== null) record(s, i + 1);
      }
    } else {
      for (let i = 0, len = data.length; i < len; i++) {
        s = delta[s * ALPHABET + data[i]];
        if (outputs[s] !== null) record(s, i + 1);
      }
    }
    return { found, positions };
  }
}
