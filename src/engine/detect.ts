// Detection over one segment: keyword prefilter, then only the candidate rules' regexes, then
// validators and filters. Produces raw Matches with positions in the raw blob.
import type { Match, Position, Segment } from "../model.js";
import { LineIndex } from "../util/line-index.js";
import type { CompiledRule, RuleSet } from "./compile.js";
import type { KeywordHits } from "./prefilter.js";
import { hasStopword, placeholderKind } from "./placeholder.js";
import { shannonEntropy } from "./validators/entropy.js";
import { validate } from "./validators/index.js";

export const INLINE_ALLOW = "nhi-scan:allow";

/** Per-blob context the detector needs: the raw bytes for positions and inline allows. */
export interface DetectContext {
  path: string;
  bytes: Buffer;
  lines: LineIndex;
}

/** Create the context for one blob. */
export function detectContext(path: string, bytes: Buffer): DetectContext {
  return { path, bytes, lines: new LineIndex(bytes) };
}

/** Why a candidate was rejected; exported for `rules test` diagnostics. */
export type Rejection = "placeholder" | "stopword" | "allow-pattern" | "entropy" | "validator" | "inline-allow" | "empty";

/**
 * Whether a hand-typed body (a counting or keyboard run) only lowers the rule's confidence instead of
 * rejecting the candidate: so for specific high-confidence rules, whose match already names the
 * credential; generic and looser rules have nothing else to go on and reject it.
 */
function keepsHandTyped(rule: CompiledRule): boolean {
  return !rule.generic && rule.def.confidence === "high";
}

/** True when the candidate passes only as a hand-typed value, so its finding is kept at low confidence. */
function handTypedKept(rule: CompiledRule, secret: string): boolean {
  const def = rule.def;
  return def.placeholderCheck !== false && keepsHandTyped(rule) && placeholderKind(secret, placeholderOptions(def)) === "hand-typed";
}

/** The placeholder options a rule asks for (`placeholderCheck: templates` accepts bare default words). */
function placeholderOptions(def: CompiledRule["def"]): { allowWeakDefaults: boolean } {
  return { allowWeakDefaults: def.placeholderCheck === "templates" };
}

/**
 * Apply a rule's filters to a candidate secret; null when it passes. `body` is the part the
 * placeholder filter judges: the pattern's `random` group where it names one, so a format's fixed
 * filler (the AAAA… of an Azure DevOps PAT) is not mistaken for a typed-in run.
 */
export function rejectReason(rule: CompiledRule, secret: string, body: string = secret): Rejection | null {
  const def = rule.def;
  if (!secret.trim()) return "empty";
  if (def.placeholderCheck !== false) {
    const kind = placeholderKind(body, placeholderOptions(def));
    if (kind === "placeholder" || (kind === "hand-typed" && !keepsHandTyped(rule))) return "placeholder";
  }
  if (hasStopword(secret, def.allow.stopwords)) return "stopword";
  if (rule.allowPatterns.some((re) => re.test(secret))) return "allow-pattern";
  if (def.entropy !== undefined && shannonEntropy(secret) < def.entropy) return "entropy";
  if (def.validator && def.onValidatorFailure === "reject" && !validate(def.validator, secret)) return "validator";
  return null;
}

// Named groups that shape detection; the others are carried to enrichment (an account name, a host).
const STRUCTURAL_GROUPS = new Set(["secret", "identity", "random"]);

function groupSpan(m: RegExpExecArray, g: number | string): [number, number] | undefined {
  const ind = m.indices;
  if (!ind) return undefined;
  return typeof g === "number" ? ind[g] : ind.groups?.[g];
}

function groupText(m: RegExpExecArray, g: number | string): string | undefined {
  return typeof g === "number" ? m[g] : m.groups?.[g];
}

/**
 * Lazy access to a segment's text. Raw segments are bytes read as latin1 (offsets = byte offsets);
 * only the slices a rule looks at are decoded, and the whole text only for rules that need it.
 */
class SegmentText {
  private full: string | null = null;
  readonly length: number;
  constructor(readonly data: Buffer | string) {
    this.length = data.length;
  }
  /** The whole text (decoded once). */
  all(): string {
    if (this.full === null) this.full = typeof this.data === "string" ? this.data : this.data.toString("latin1");
    return this.full;
  }
  slice(a: number, b: number): string {
    if (typeof this.data === "string") return this.data.slice(a, b);
    if (this.full !== null) return this.full.slice(a, b);
    return this.data.toString("latin1", a, b);
  }
  /** True when the line around offset `at` contains `needle`. */
  lineIncludes(at: number, needle: string): boolean {
    const d = this.data;
    if (typeof d === "string") {
      const s = d.lastIndexOf("\n", at - 1) + 1;
      let e = d.indexOf("\n", at);
      if (e < 0) e = d.length;
      const i = d.indexOf(needle, s);
      return i >= 0 && i + needle.length <= e;
    }
    const s = at > 0 ? d.lastIndexOf(10, at - 1) + 1 : 0;
    let e = d.indexOf(10, at);
    if (e < 0) e = d.length;
    const i = d.indexOf(needle, s, "latin1");
    return i >= 0 && i + needle.length <= e;
  }
}

/** How far around a signature its URL or query string is looked for, each way. */
const QUERY_REACH = 4096;

/** Characters that end a URL or query string in text (space, quotes, angle brackets). */
function endsQuery(c: number): boolean {
  return c <= 0x20 || c === 0x22 || c === 0x27 || c === 0x60 || c === 0x3c || c === 0x3e;
}

/**
 * The URL or query string a signature sits in ("…?se=…&sig=<secret>&sp=r"): its parameters (expiry,
 * start, date) may stand on either side of the signature, beyond what the rule matched.
 */
function enclosingQuery(text: SegmentText, start: number, end: number): string {
  const around = text.slice(Math.max(0, start - QUERY_REACH), Math.min(text.length, end + QUERY_REACH));
  const at = start - Math.max(0, start - QUERY_REACH);
  let a = at;
  while (a > 0 && !endsQuery(around.charCodeAt(a - 1))) a--;
  let b = at + (end - start);
  while (b < around.length && !endsQuery(around.charCodeAt(b))) b++;
  return around.slice(a, b);
}

function rawLineHasAllow(ctx: DetectContext, rawStart: number): boolean {
  const [s, e] = ctx.lines.lineRange(ctx.lines.lineOf(rawStart));
  const i = ctx.bytes.indexOf(INLINE_ALLOW, s, "latin1");
  return i >= 0 && i < e;
}

/** Find the identity half of a pair (e.g. the AWS key id) closest to the secret. */
function findIdentity(rule: CompiledRule, text: SegmentText, start: number, end: number): string | undefined {
  const re = rule.identityRegex;
  if (!re || !rule.def.identity) return undefined;
  const within = rule.def.identity.within;
  const lo = Math.max(0, start - within);
  const window = text.slice(lo, Math.min(text.length, end + within));
  re.lastIndex = 0;
  let best: { v: string; d: number } | undefined;
  for (let m = re.exec(window); m; m = re.exec(window)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    const g = m.groups?.identity !== undefined ? "identity" : m.length > 1 ? 1 : 0;
    const v = groupText(m, g);
    if (!v) continue;
    const d = Math.abs(lo + m.index - start);
    if (!best || d < best.d) best = { v, d };
  }
  return best?.v;
}

const NULL_POS: Position = { line: null, column: null };

/** Windows covering more than this share of a segment are scanned as one piece. */
const WINDOW_SHARE = 0.5;

/**
 * Merged windows [s0, e0, s1, e1, ...] for each local candidate rule. A match contains one of the
 * rule's keyword occurrences (or of the literals derived from its pattern), so it lies within
 * maxLength of that occurrence, and, for a rule that cannot match a newline, within its line.
 */
function localWindows(rules: RuleSet, hits: KeywordHits, candidates: number[], data: Buffer | string): Map<number, number[]> {
  const wins = new Map<number, number[]>();
  if (hits.overflow) return wins;
  for (const ri of candidates) if (rules.rules[ri].extent) wins.set(ri, []);
  if (!wins.size) return wins;
  const len = data.length;
  const kwLen = rules.keywordLength;
  // Line bounds of the current hit, found once per line however many rules need them.
  let lineFrom = -1;
  let lineTo = -1;
  for (let h = 0; h < hits.count; h++) {
    const k = hits.keyword[h];
    const end = hits.end[h];
    const start = end - kwLen[k];
    for (const ri of rules.windowRulesByKeyword[k]) {
      const w = wins.get(ri);
      if (!w) continue;
      const ext = rules.rules[ri].extent!;
      let s: number;
      let e: number;
      if (ext.maxLength !== Infinity) {
        s = end - ext.maxLength > 0 ? end - ext.maxLength : 0;
        e = Math.min(len, start + ext.maxLength);
      } else {
        if (start < lineFrom || start >= lineTo) {
          lineFrom = lastNewline(data, start) + 1;
          lineTo = nextNewline(data, end);
        }
        s = lineFrom;
        e = lineTo;
      }
      const n = w.length;
      if (n && s <= w[n - 1]) {
        if (e > w[n - 1]) w[n - 1] = e;
      } else w.push(s, e);
    }
  }
  return wins;
}

/** Offset of the last newline before `at` (-1 if none). */
function lastNewline(data: Buffer | string, at: number): number {
  if (at <= 0) return -1;
  return typeof data === "string" ? data.lastIndexOf("\n", at - 1) : data.lastIndexOf(10, at - 1);
}

/** Offset of the first newline at or after `at` (the length if none). */
function nextNewline(data: Buffer | string, at: number): number {
  const i = typeof data === "string" ? data.indexOf("\n", at) : data.indexOf(10, at);
  return i < 0 ? data.length : i;
}

/** Run every candidate rule over a segment and return the matches that pass all filters. */
export function detectSegment(seg: Segment, rules: RuleSet, ctx: DetectContext): Match[] {
  const hits = rules.matcher.hits(seg.data);
  const candidates = rules.candidatesOf(hits);
  if (!candidates.length) return [];
  const len = seg.data.length;
  const text = new SegmentText(seg.data);
  const wins = localWindows(rules, hits, candidates, seg.data);
  const out: Match[] = [];
  for (const ri of candidates) {
    const rule = rules.rules[ri];
    if (rule.allowPath?.(ctx.path)) continue;
    const w = wins.get(ri);
    let covered = 0;
    if (w) for (let i = 0; i < w.length; i += 2) covered += w[i + 1] - w[i];
    if (!w || covered > len * WINDOW_SHARE) {
      scanRange(rule, seg, ctx, text, text.all(), 0, 0, len, out);
      continue;
    }
    // Margins keep lookarounds, \b and anchors at the window edges true to the whole text.
    const ext = rule.extent!;
    const before = ext.maxLookaround + 1;
    // A single-line rule's window ends at a newline no match crosses; a bounded one's may not.
    const after = (ext.maxLength === Infinity ? 0 : ext.maxLength) + ext.maxLookaround + 1;
    for (let i = 0; i < w.length; i += 2) {
      const lo = Math.max(0, w[i] - before);
      const hi = Math.min(len, w[i + 1] + after);
      scanRange(rule, seg, ctx, text, text.slice(lo, hi), lo, w[i], w[i + 1], out);
    }
  }
  return out;
}

/**
 * Run one rule's regex over `slice` (the text from offset `base`), keeping matches that start in
 * [from, to) of the segment; every filter applies as on the whole text.
 */
function scanRange(
  rule: CompiledRule,
  seg: Segment,
  ctx: DetectContext,
  text: SegmentText,
  slice: string,
  base: number,
  from: number,
  to: number,
  out: Match[],
): void {
  const re = rule.regex;
  const raw = typeof seg.data !== "string";
  re.lastIndex = from - base;
  for (let m = re.exec(slice); m; m = re.exec(slice)) {
    if (m.index + base >= to) break;
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    const rel = groupSpan(m, rule.secretGroup);
    if (!rel) continue;
    const span: [number, number] = [rel[0] + base, rel[1] + base];
    // Raw segments are scanned as latin1; the secret itself is reported as UTF-8.
    const secret = raw ? (seg.data as Buffer).toString("utf8", span[0], span[1]) : text.slice(span[0], span[1]);
    const body = groupText(m, "random") ?? secret;
    if (rejectReason(rule, secret, body)) continue;
    if (text.lineIncludes(span[0], INLINE_ALLOW)) continue;
    const rawStart = seg.rawOffset(span[0]);
    const rawEnd = seg.rawOffset(span[1]);
    if (rawStart !== null && seg.hasLines && rawLineHasAllow(ctx, rawStart)) continue;
    const identity = groupText(m, "identity") ?? findIdentity(rule, text, span[0], span[1]);
    const groups: Record<string, string> = {};
    for (const [k, v] of Object.entries(m.groups ?? {})) if (v !== undefined && !STRUCTURAL_GROUPS.has(k)) groups[k] = v;
    if (rule.signedQuery) groups.query = enclosingQuery(text, span[0], span[1]);
    const positions = seg.hasLines && rawStart !== null && rawEnd !== null;
    const downgraded =
      (rule.def.validator !== undefined && rule.def.onValidatorFailure === "downgrade" && !validate(rule.def.validator, secret)) ||
      handTypedKept(rule, body);
    out.push({
      ruleId: rule.def.id,
      secret,
      identity,
      start: rawStart ?? -1,
      end: rawEnd ?? -1,
      startPos: seg.position ? seg.position(span[0]) : positions ? ctx.lines.position(rawStart!) : NULL_POS,
      endPos: seg.position ? seg.position(span[1]) : positions ? ctx.lines.position(rawEnd!) : NULL_POS,
      pointer: seg.pointerAt?.(span[0]) ?? seg.pointer,
      artifact: seg.artifact,
      layer: seg.layer,
      taskWindow: seg.taskWindow,
      context: seg.context,
      groups: Object.keys(groups).length ? groups : undefined,
      ...(downgraded ? { downgraded } : {}),
    });
  }
}

const CONF_RANK = { low: 0, medium: 1, high: 2 } as const;

/**
 * Keep one match per stretch of bytes: where matches overlap, a specific rule beats a generic one,
 * then higher confidence, then the longer secret, then the earlier rule. A lone key id (a rule tagged
 * `identifier`) that is the identity of a pair found in the same blob is folded into that pair.
 */
export function resolveOverlaps(matches: Match[], rules: RuleSet): Match[] {
  if (matches.length < 2) return matches;
  const order = new Map(rules.rules.map((r, i) => [r.def.id, i]));
  const rank = (m: Match) => {
    const r = rules.byId.get(m.ruleId)!;
    return [r.generic ? 0 : 1, m.downgraded ? 0 : CONF_RANK[r.def.confidence], m.secret.length, -(order.get(m.ruleId) ?? 0)];
  };
  const cmp = (a: Match, b: Match) => {
    const ra = rank(a);
    const rb = rank(b);
    for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return rb[i] - ra[i];
    return a.start - b.start;
  };
  const identities = new Set(matches.filter((m) => m.identity).map((m) => m.identity!));
  const kept: Match[] = [];
  for (const m of [...matches].sort(cmp)) {
    // Only rules that find an identifier (a key id, not a secret) fold into the pair that names it.
    if (identities.has(m.secret) && !m.identity && rules.byId.get(m.ruleId)!.def.tags.includes("identifier")) continue;
    const clash = kept.some((k) =>
      k.start >= 0 && m.start >= 0
        ? k.start < m.end && m.start < k.end && (k.pointer ?? "") === (m.pointer ?? "")
        : k.secret === m.secret && k.ruleId === m.ruleId && (k.pointer ?? "") === (m.pointer ?? ""),
    );
    if (!clash) kept.push(m);
  }
  return kept.sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
}
