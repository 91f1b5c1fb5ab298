// Static facts about a rule regex that let the engine run it only near keyword hits: the longest
// text one match can span, how far its lookarounds reach, and whether every match must contain one
// of the rule's keywords. The analysis is conservative: anything it does not understand (a
// backreference, an odd escape, an unbounded quantifier) makes the rule non-local, and a non-local
// rule is run over the whole segment exactly as before.

/** What the engine needs to scan a rule only in windows around its keyword hits. */
export interface RegexExtent {
  /** Upper bound on the length of any match (UTF-16 units; bytes for latin1 text); Infinity when unbounded but single-line. */
  maxLength: number;
  /** No match can contain a newline: a match lies within the line of its keyword. */
  singleLine: boolean;
  /** Upper bound on how far any lookaround reads beyond the matched text. */
  maxLookaround: number;
  /** Every match contains at least one of the keywords (compared case-insensitively). */
  containsKeyword: boolean;
  /**
   * Literals (lower case) every match contains one of, derived from the pattern, for a rule whose
   * declared keywords do not cover all its matches: the keyword pass also looks for these, and the
   * rule's windows sit around them. The declared keywords alone still decide whether the rule runs.
   */
  windowLiterals?: string[];
}

/** Derived window literals shorter than this occur too often to narrow anything. */
const MIN_LITERAL = 3;

/** Longest match the window analysis accepts; longer bounds are treated as unbounded. */
export const MAX_LOCAL_LENGTH = 1 << 18;
/** Literal sets larger than this are given up on (treated as "any string"). */
const MAX_SET = 64;
const MAX_LITERAL = 128;

type Node =
  | { t: "char"; set: string[] | null; nl?: boolean } // one character; `set` lists it when small and literal; `nl`: it can be a newline
  | { t: "seq"; items: Node[] }
  | { t: "alt"; branches: Node[] }
  | { t: "group"; body: Node }
  | { t: "look"; body: Node; behind: boolean }
  | { t: "assert" } // ^ $ \b \B
  | { t: "repeat"; body: Node; min: number; max: number }
  | { t: "backref"; target: Node }; // matches what a closed capture group matched

class Unsupported extends Error {}

/** Whether a character atom (by flags and source) can match a newline; shared across rules. */
const NEWLINE_ATOMS = new Map<string, boolean>();

const CLASS_ESCAPES = new Set(["d", "D", "w", "W", "s", "S"]);
const CONTROL_ESCAPES: Record<string, string> = { n: "\n", r: "\r", t: "\t", v: "\v", f: "\f", "0": "\0" };

/** Parse a JavaScript regex source (no `u` flag) into the small AST above; throws Unsupported. */
function parse(src: string, flags: string): Node {
  let i = 0;
  const plainFlags = flags.replace(/[gyd]/g, "");
  const canBeNewline = (atom: string): boolean => {
    const key = `${plainFlags}/${atom}`;
    let v = NEWLINE_ATOMS.get(key);
    if (v === undefined) {
      try {
        v = new RegExp(atom, plainFlags).test("\n");
      } catch {
        v = true;
      }
      NEWLINE_ATOMS.set(key, v);
    }
    return v;
  };
  /** Capture groups by number (1-based) and name; a slot stays null until its group closes. */
  const captures: (Node | null)[] = [null];
  const names = new Map<string, number>();
  const peek = () => src[i];
  /** Match `re` (sticky) at the current position without slicing the source. */
  const at = (re: RegExp): RegExpExecArray | null => {
    re.lastIndex = i;
    return re.exec(src);
  };

  function parseAlt(): Node {
    const branches: Node[] = [parseSeq()];
    while (peek() === "|") {
      i++;
      branches.push(parseSeq());
    }
    return branches.length === 1 ? branches[0] : { t: "alt", branches };
  }

  function parseSeq(): Node {
    const items: Node[] = [];
    while (i < src.length && peek() !== "|" && peek() !== ")") {
      let atom = parseAtom();
      atom = parseQuantifier(atom);
      items.push(atom);
    }
    return { t: "seq", items };
  }

  function parseQuantifier(atom: Node): Node {
    const c = peek();
    let min: number;
    let max: number;
    if (c === "*") [min, max] = [0, Infinity];
    else if (c === "+") [min, max] = [1, Infinity];
    else if (c === "?") [min, max] = [0, 1];
    else if (c === "{") {
      const m = at(/\{(\d+)(,(\d*))?\}/y);
      if (!m) throw new Unsupported("literal brace");
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === "" ? Infinity : Number(m[3]);
      i += m[0].length - 1;
    } else return atom;
    i++;
    if (peek() === "?") i++; // lazy: same extent
    if (atom.t === "assert" || atom.t === "look") return atom;
    return parseQuantifier({ t: "repeat", body: atom, min, max });
  }

  function parseAtom(): Node {
    const start = i;
    const node = parseAtomInner();
    if (node.t === "char") node.nl = node.set ? node.set.includes("\n") : canBeNewline(src.slice(start, i));
    return node;
  }

  function parseAtomInner(): Node {
    const c = src[i++];
    switch (c) {
      case "(": {
        let node: Node;
        if (src.startsWith("?:", i)) {
          i += 2;
          node = { t: "group", body: parseAlt() };
        } else if (src.startsWith("?=", i) || src.startsWith("?!", i)) {
          i += 2;
          node = { t: "look", body: parseAlt(), behind: false };
        } else if (src.startsWith("?<=", i) || src.startsWith("?<!", i)) {
          i += 3;
          node = { t: "look", body: parseAlt(), behind: true };
        } else if (src.startsWith("?<", i)) {
          const end = src.indexOf(">", i);
          if (end < 0) throw new Unsupported("group name");
          const slot = captures.push(null) - 1;
          names.set(src.slice(i + 2, end), slot);
          i = end + 1;
          node = { t: "group", body: parseAlt() };
          captures[slot] = node;
        } else if (peek() === "?") {
          throw new Unsupported("group modifier");
        } else {
          const slot = captures.push(null) - 1;
          node = { t: "group", body: parseAlt() };
          captures[slot] = node;
        }
        if (src[i++] !== ")") throw new Unsupported("unbalanced group");
        return node;
      }
      case "[":
        return parseClass();
      case ".":
        return { t: "char", set: null };
      case "^":
      case "$":
        return { t: "assert" };
      case "\\":
        return parseEscape();
      case ")":
      case "*":
      case "+":
      case "?":
      case "{":
      case "}":
      case "]":
        throw new Unsupported(`bare ${c}`);
      default:
        return { t: "char", set: [c] };
    }
  }

  function parseEscape(): Node {
    const c = src[i++];
    if (c === undefined) throw new Unsupported("trailing backslash");
    if (c === "b" || c === "B") return { t: "assert" };
    if (c === "k" && peek() === "<") {
      const end = src.indexOf(">", i);
      const slot = end < 0 ? undefined : names.get(src.slice(i + 1, end));
      const target = slot === undefined ? null : captures[slot];
      if (!target) throw new Unsupported("backreference to an open or unknown group");
      i = end + 1;
      return { t: "backref", target };
    }
    if (c >= "1" && c <= "9") {
      const m = at(/\d*/y)!;
      const slot = Number(c + m[0]);
      const target = captures[slot];
      if (!target) throw new Unsupported("backreference to an open or unknown group");
      i += m[0].length;
      return { t: "backref", target };
    }
    if (CLASS_ESCAPES.has(c)) return { t: "char", set: null };
    if (c in CONTROL_ESCAPES && !(c === "0" && /[0-9]/.test(src[i] ?? ""))) return { t: "char", set: [CONTROL_ESCAPES[c]] };
    if (c === "x") {
      const m = at(/[0-9a-fA-F]{2}/y);
      if (!m) throw new Unsupported("\\x");
      i += 2;
      return { t: "char", set: [String.fromCharCode(parseInt(m[0], 16))] };
    }
    if (c === "u") {
      const m = at(/[0-9a-fA-F]{4}/y);
      if (!m) throw new Unsupported("\\u");
      i += 4;
      return { t: "char", set: [String.fromCharCode(parseInt(m[0], 16))] };
    }
    // Backreferences, \k<name>, \c, \p (literal "p" without the u flag) and other letters: give up.
    if (/[0-9A-Za-z]/.test(c)) throw new Unsupported(`\\${c}`);
    return { t: "char", set: [c] };
  }

  function parseClass(): Node {
    let negated = false;
    if (peek() === "^") {
      negated = true;
      i++;
    }
    const chars: string[] = [];
    let literal = !negated;
    while (i < src.length && peek() !== "]") {
      let ch = src[i++];
      if (ch === "\\") {
        const e = src[i++];
        if (e === undefined) throw new Unsupported("class escape");
        if (CLASS_ESCAPES.has(e)) {
          literal = false;
          continue;
        }
        if (e === "b") ch = "\b";
        else if (e in CONTROL_ESCAPES) ch = CONTROL_ESCAPES[e];
        else if (e === "x" || e === "u") {
          const n = e === "x" ? 2 : 4;
          const m = at(n === 2 ? /[0-9a-fA-F]{2}/y : /[0-9a-fA-F]{4}/y);
          if (!m) throw new Unsupported("class \\x");
          i += n;
          ch = String.fromCharCode(parseInt(m[0], 16));
        } else if (/[0-9A-Za-z]/.test(e)) throw new Unsupported(`class \\${e}`);
        else ch = e;
      }
      if (peek() === "-" && src[i + 1] !== "]" && i + 1 < src.length) {
        // A range: its members are not listed (too many to be a useful literal set).
        i++;
        if (src[i] === "\\") i += src[i + 1] === "x" ? 4 : src[i + 1] === "u" ? 6 : 2;
        else i++;
        literal = false;
        continue;
      }
      chars.push(ch);
    }
    if (src[i++] !== "]") throw new Unsupported("unterminated class");
    if (chars.length === 0 && literal) throw new Unsupported("empty class");
    return { t: "char", set: literal && chars.length <= 4 ? [...new Set(chars)] : null };
  }

  const node = parseAlt();
  if (i !== src.length) throw new Unsupported("trailing input");
  return node;
}

/** Longest text a node can match, and the farthest reach of lookarounds inside it. */
function extent(n: Node): { len: number; look: number } {
  switch (n.t) {
    case "char":
      return { len: 1, look: 0 };
    case "assert":
      return { len: 0, look: 1 };
    case "look": {
      const e = extent(n.body);
      return { len: 0, look: Math.max(e.len + e.look, 1) };
    }
    case "group":
      return extent(n.body);
    case "seq": {
      let len = 0;
      let look = 0;
      for (const it of n.items) {
        const e = extent(it);
        len += e.len;
        look = Math.max(look, e.look);
      }
      return { len, look };
    }
    case "alt": {
      let len = 0;
      let look = 0;
      for (const b of n.branches) {
        const e = extent(b);
        len = Math.max(len, e.len);
        look = Math.max(look, e.look);
      }
      return { len, look };
    }
    case "repeat": {
      const e = extent(n.body);
      return { len: e.len === 0 ? 0 : e.len * n.max, look: e.look };
    }
    case "backref":
      return { len: extent(n.target).len, look: 0 };
  }
}

/** The finite set of strings a node can match, or null when it is large or open. */
function literals(n: Node): string[] | null {
  switch (n.t) {
    case "char":
      return n.set;
    case "backref":
      return null;
    case "assert":
    case "look":
      return [""];
    case "group":
      return literals(n.body);
    case "seq": {
      let acc: string[] = [""];
      for (const it of n.items) {
        const l = literals(it);
        if (!l) return null;
        const next = product(acc, l);
        if (!next) return null;
        acc = next;
      }
      return acc;
    }
    case "alt": {
      const out = new Set<string>();
      for (const b of n.branches) {
        const l = literals(b);
        if (!l) return null;
        for (const s of l) out.add(s);
        if (out.size > MAX_SET) return null;
      }
      return [...out];
    }
    case "repeat": {
      if (n.max > 8) return null;
      const l = literals(n.body);
      if (!l) return null;
      let acc: string[] = [""];
      const all = new Set<string>(n.min === 0 ? [""] : []);
      for (let k = 1; k <= n.max; k++) {
        const next = product(acc, l);
        if (!next) return null;
        acc = next;
        if (k >= n.min) for (const s of acc) all.add(s);
        if (all.size > MAX_SET) return null;
      }
      return [...all];
    }
  }
}

function product(a: string[], b: string[]): string[] | null {
  if (a.length * b.length > MAX_SET) return null;
  const out = new Set<string>();
  for (const x of a) for (const y of b) {
    if (x.length + y.length > MAX_LITERAL) return null;
    out.add(x + y);
  }
  return [...out];
}

/** True when some match of the node can contain a newline (so it may span lines). */
function spansLines(n: Node): boolean {
  switch (n.t) {
    case "char":
      return n.nl !== false;
    case "assert":
    case "look":
      return false;
    case "backref":
      return spansLines(n.target);
    case "group":
    case "repeat":
      return spansLines(n.body);
    case "seq":
      return n.items.some(spansLines);
    case "alt":
      return n.branches.some(spansLines);
  }
}

/** True when every match of the node contains one of the (lower-case) keywords. */
function mustContain(n: Node, kws: string[]): boolean {
  const covered = (set: string[]) => set.length > 0 && set.every((s) => kws.some((k) => s.toLowerCase().includes(k)));
  switch (n.t) {
    case "char":
      return !!n.set && covered(n.set);
    case "assert":
    case "look":
    case "backref":
      return false;
    case "group":
      return mustContain(n.body, kws);
    case "alt":
      return n.branches.every((b) => mustContain(b, kws));
    case "repeat":
      return n.min >= 1 && mustContain(n.body, kws);
    case "seq": {
      // Runs of items with small literal sets are multiplied out; any run, or any single item,
      // that always holds a keyword makes the whole sequence hold one.
      let run: string[] = [""];
      for (const it of n.items) {
        const l = literals(it);
        const next = l ? product(run, l) : null;
        if (next) {
          run = next;
          continue;
        }
        if (covered(run)) return true;
        if (mustContain(it, kws)) return true;
        run = l ?? [""];
      }
      return covered(run);
    }
  }
}

/** A set of literals one of which every match of the node contains (lower case), or null. */
function required(n: Node): string[] | null {
  const ok = (set: string[] | null) => !!set && set.length > 0 && set.length <= MAX_SET && set.every((x) => x.length >= MIN_LITERAL);
  // Longer literals occur less often, up to a point; past it, fewer literals make a smaller automaton.
  const score = (set: string[]) => [Math.min(4, ...set.map((x) => x.length)), -set.length];
  const better = (a: string[] | null, b: string[] | null): string[] | null => {
    if (!ok(b)) return ok(a) ? a : null;
    if (!ok(a)) return b;
    const [sa, sb] = [score(a!), score(b!)];
    return sb[0] > sa[0] || (sb[0] === sa[0] && sb[1] > sa[1]) ? b : a;
  };
  switch (n.t) {
    case "char":
    case "assert":
    case "look":
    case "backref":
      return null;
    case "group":
      return required(n.body);
    case "repeat":
      return n.min >= 1 ? required(n.body) : null;
    case "alt": {
      const out = new Set<string>();
      for (const b of n.branches) {
        const r = required(b);
        if (!r) return null;
        for (const x of r) out.add(x);
      }
      return ok([...out]) ? [...out] : null;
    }
    case "seq": {
      let best: string[] | null = null;
      let run: string[] = [""];
      const close = () => {
        best = better(best, run.map((x) => x.toLowerCase()));
        run = [""];
      };
      for (const it of n.items) {
        const l = literals(it);
        const next = l ? product(run, l) : null;
        if (next) {
          // Every match also holds the run so far: keep it in view before variants multiply it.
          if (next.length > run.length) best = better(best, run.map((x) => x.toLowerCase()));
          run = next;
          continue;
        }
        close();
        best = better(best, required(it));
        if (l) run = l;
      }
      close();
      return best;
    }
  }
}

/**
 * Analyse a rule regex source against its keywords. Returns null when the regex is not local:
 * unsupported syntax, unbounded length, or a match that need not contain a keyword.
 */
export function analyzeRegex(source: string, keywords: readonly string[], flags = ""): RegexExtent | null {
  const r = explainRegex(source, keywords, flags);
  return typeof r === "string" ? null : r;
}

/** The analysis with the reason a regex is not local ("unsupported: ...", "unbounded", "keyword not in match"). */
export function explainRegex(source: string, keywords: readonly string[], flags = ""): RegexExtent | string {
  let ast: Node;
  try {
    ast = parse(source, flags);
  } catch (e) {
    if (e instanceof Unsupported) return `unsupported: ${e.message}`;
    throw e;
  }
  const { len, look } = extent(ast);
  const singleLine = !spansLines(ast);
  const bounded = Number.isFinite(len) && len <= MAX_LOCAL_LENGTH;
  if (!Number.isFinite(look) || look > MAX_LOCAL_LENGTH || (!bounded && !singleLine)) return "unbounded";
  if (len === 0) return "empty match";
  const kws = keywords.map((k) => k.toLowerCase());
  const containsKeyword = kws.length > 0 && mustContain(ast, kws);
  const base = { maxLength: bounded ? len : Infinity, singleLine, maxLookaround: look, containsKeyword };
  if (containsKeyword) return base;
  const derived = required(ast);
  if (!derived) return "keyword not in match";
  return { ...base, windowLiterals: [...new Set(derived)].sort() };
}
