// Compiles rule definitions once per process (or worker): regexes, the keyword automaton, path globs.
import { globMatcher } from "../util/glob.js";
import type { RuleDef } from "./rule-schema.js";
import { KeywordMatcher, type KeywordHits } from "./prefilter.js";
import { analyzeRegex, type RegexExtent } from "./regex-extent.js";

export class RuleCompileError extends Error {}

export interface CompiledRule {
  def: RuleDef;
  /** Global, with match indices, so capture positions are exact. */
  regex: RegExp;
  /** Index of the capture that holds the secret (0 = the whole match). */
  secretGroup: number | string;
  identityRegex?: RegExp;
  allowPatterns: RegExp[];
  allowPath?: (path: string) => boolean;
  generic: boolean;
  /** Tagged `signed-query`: the secret signs a URL query, whose other parameters (the expiry) are read with it. */
  signedQuery: boolean;
  /**
   * Set when every match must contain one of the rule's keywords and has a bounded length: the
   * regex then runs only in windows around keyword hits (see detect.ts), with the same results.
   */
  extent: RegexExtent | null;
}

/** Translate a leading inline (?i) into the JS flag, since Node 20 regexes have no inline modifiers. */
export function toRegExp(pattern: string, extraFlags = ""): RegExp {
  let flags = extraFlags;
  let src = pattern;
  if (src.startsWith("(?i)")) {
    src = src.slice(4);
    if (!flags.includes("i")) flags += "i";
  }
  return new RegExp(src, flags);
}

/** Compile one rule; a bad regex names the rule. */
export function compileRule(def: RuleDef): CompiledRule {
  let regex: RegExp;
  try {
    regex = toRegExp(def.pattern, "gd");
  } catch (e) {
    throw new RuleCompileError(`rule ${def.id}: invalid pattern: ${(e as Error).message}`);
  }
  const named = /\(\?<secret>/.test(def.pattern);
  const groups = countCaptureGroups(regex.source);
  const secretGroup: number | string = named ? "secret" : groups > 0 ? 1 : 0;
  let identityRegex: RegExp | undefined;
  if (def.identity) {
    try {
      identityRegex = toRegExp(def.identity.pattern, "gd");
    } catch (e) {
      throw new RuleCompileError(`rule ${def.id}: invalid identity pattern: ${(e as Error).message}`);
    }
  }
  const allowPatterns = def.allow.patterns.map((p) => {
    try {
      return toRegExp(p);
    } catch (e) {
      throw new RuleCompileError(`rule ${def.id}: invalid allow pattern: ${(e as Error).message}`);
    }
  });
  const allowPath = def.allow.paths.length ? lazyGlob(def.allow.paths) : undefined;
  const extent = regexExtent(regex.source, def.keywords, regex.flags);
  return { def, regex, secretGroup, identityRegex, allowPatterns, allowPath, generic: def.tags.includes("generic"), signedQuery: def.tags.includes("signed-query"), extent };
}

/** A path matcher compiled on first use: most rules never see a path their allowlist names. */
function lazyGlob(globs: string[]): (path: string) => boolean {
  let m: ((path: string) => boolean) | null = null;
  return (path) => (m ??= globMatcher(globs))(path);
}

/** Known analyses by pattern, flags and keywords (the build's rule cache seeds it). */
const EXTENTS = new Map<string, RegexExtent | null>();

/** The key an analysis is remembered under. */
export function extentKey(source: string, keywords: readonly string[], flags: string): string {
  return `${flags}\0${source}\0${keywords.join("\0")}`;
}

/** Seed remembered analyses (from the rule cache). */
export function rememberExtents(entries: Iterable<[string, RegexExtent | null]>): void {
  for (const [k, v] of entries) EXTENTS.set(k, v);
}

function regexExtent(source: string, keywords: readonly string[], flags: string): RegexExtent | null {
  const key = extentKey(source, keywords, flags);
  let e = EXTENTS.get(key);
  if (e === undefined) EXTENTS.set(key, (e = analyzeRegex(source, keywords, flags)));
  // Each rule gets its own copy: tests and callers may adjust a compiled rule.
  return e && { ...e };
}

/**
 * Number of capturing groups in a (valid) regex source, read from the text: "(" not escaped, not in
 * a class, and not "(?" unless it opens a named group. Executing the regex to count them would
 * compile it a second time, which costs more than the rest of rule compilation.
 */
export function countCaptureGroups(src: string): number {
  let n = 0;
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === "\\") i++;
    else if (inClass) inClass = c !== "]";
    else if (c === "[") inClass = true;
    else if (c === "(" && (src[i + 1] !== "?" || (src[i + 2] === "<" && src[i + 3] !== "=" && src[i + 3] !== "!"))) n++;
  }
  return n;
}

/** All rules compiled, plus the shared keyword automaton that picks which rules to run. */
export class RuleSet {
  readonly rules: CompiledRule[];
  readonly matcher: KeywordMatcher;
  /** keyword index -> rule indexes that carry that keyword (and so become candidates when it occurs) */
  readonly rulesByKeyword: number[][];
  /**
   * keyword index -> local rules whose windows sit around its occurrences: the rule's own keywords,
   * or, when those do not cover every match, the literals derived from its pattern (which are then
   * searched for too, but never make a rule a candidate).
   */
  readonly windowRulesByKeyword: number[][];
  /** Rules without keywords: they run on every segment. */
  readonly alwaysRun: number[];
  readonly byId: Map<string, CompiledRule>;
  /** keyword index -> keyword length */
  readonly keywordLength: Int32Array;

  constructor(defs: RuleDef[]) {
    this.rules = defs.map(compileRule);
    this.byId = new Map(this.rules.map((r) => [r.def.id, r]));
    const kwIndex = new Map<string, number>();
    const rulesByKeyword: number[][] = [];
    const windowRulesByKeyword: number[][] = [];
    const alwaysRun: number[] = [];
    const index = (k: string): number => {
      const key = k.toLowerCase();
      let ki = kwIndex.get(key);
      if (ki === undefined) {
        ki = rulesByKeyword.length;
        kwIndex.set(key, ki);
        rulesByKeyword.push([]);
        windowRulesByKeyword.push([]);
      }
      return ki;
    };
    const add = (list: number[], ri: number) => {
      if (!list.includes(ri)) list.push(ri);
    };
    this.rules.forEach((r, ri) => {
      if (!r.def.keywords.length) alwaysRun.push(ri);
      for (const k of r.def.keywords) add(rulesByKeyword[index(k)], ri);
    });
    this.rules.forEach((r, ri) => {
      if (!r.extent) return;
      for (const k of r.extent.windowLiterals ?? r.def.keywords) add(windowRulesByKeyword[index(k)], ri);
    });
    this.matcher = new KeywordMatcher([...kwIndex.keys()]);
    this.rulesByKeyword = rulesByKeyword;
    this.windowRulesByKeyword = windowRulesByKeyword;
    this.alwaysRun = alwaysRun;
    this.keywordLength = Int32Array.from(this.matcher.keywords, (k) => k.length);
  }

  /** Rule indexes whose keywords occur in `data`, in rule order. */
  candidates(data: Buffer | string): number[] {
    return this.candidatesOf(this.matcher.hits(data));
  }

  /** Rule indexes a keyword pass makes candidates (plus the keyword-less rules), in rule order. */
  candidatesOf(hits: KeywordHits): number[] {
    if (!hits.foundList.length) return this.alwaysRun;
    const set = new Set<number>(this.alwaysRun);
    for (const k of hits.foundList) for (const ri of this.rulesByKeyword[k]) set.add(ri);
    return [...set].sort((a, b) => a - b);
  }
}
