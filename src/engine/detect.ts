// Detection over one segment: keyword prefilter, then only the candidate rules' regexes, then
// validators and filters. Produces raw Matches with positions in the raw blob.
import type { Match, Position, Segment } from "../model.js";
import { LineIndex } from "../util/line-index.js";
import type { CompiledRule, RuleSet } from "./compile.js";
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

/** Apply a rule's filters to a candidate secret; null when it passes. */
export function rejectReason(rule: CompiledRule, secret: string): Rejection | null {
  const def = rule.def;
  if (!secret.trim()) return "empty";
  if (def.placeholderCheck !== false) {
    const kind = placeholderKind(secret, placeholderOptions(def));
    if (kind === "placeholder" || (kind === "hand-typed" && !keepsHandTyped(rule))) return "placeholder";
  }
  if (hasStopword(secret, def.allow.stopwords)) return "stopword";
  if (rule.allowPatterns.some((re) => re.test(secret))) return "allow-pattern";
  if (def.entropy !== undefined && shannonEntropy(secret) < def.entropy) return "entropy";
  if (def.validator && def.onValidatorFailure === "reject" && !validate(def.validator, secret)) return "validator";
  return null;
}

function groupSpan(m: RegExpExecArray, g: number | string): [number, number] | undefined {
  const ind = m.indices;
  if (!ind) return undefined;
  return typeof g === "number" ? ind[g] : ind.groups?.[g];
}

function groupText(m: RegExpExecArray, g: number | string): string | undefined {
  return typeof g === "number" ? m[g] : m.groups?.[g];
}

/** Text of the line of `text` around offset `at`. */
function lineAround(text: string, at: number): string {
  const s = text.lastIndexOf("\n", at - 1) + 1;
  let e = text.indexOf("\n", at);
  if (e < 0) e = text.length;
  return text.slice(s, e);
}

function rawLineHasAllow(ctx: DetectContext, rawStart: number): boolean {
  const [s, e] = ctx.lines.lineRange(ctx.lines.lineOf(rawStart));
  const i = ctx.bytes.indexOf(INLINE_ALLOW, s, "latin1");
  return i >= 0 && i < e;
}

/** Find the identity half of a pair (e.g. the AWS key id) closest to the secret. */
function findIdentity(rule: CompiledRule, text: string, start: number, end: number): string | undefined {
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

/** Run every candidate rule over a segment and return the matches that pass all filters. */
export function detectSegment(seg: Segment, rules: RuleSet, ctx: DetectContext): Match[] {
  const candidates = rules.candidates(seg.data);
  if (!candidates.length) return [];
  const text = typeof seg.data === "string" ? seg.data : seg.data.toString("latin1");
  const raw = typeof seg.data !== "string";
  const out: Match[] = [];
  for (const ri of candidates) {
    const rule = rules.rules[ri];
    if (rule.allowPath?.(ctx.path)) continue;
    const re = rule.regex;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      const span = groupSpan(m, rule.secretGroup);
      if (!span) continue;
      // Raw segments are scanned as latin1; the secret itself is reported as UTF-8.
      const secret = raw ? (seg.data as Buffer).toString("utf8", span[0], span[1]) : text.slice(span[0], span[1]);
      if (rejectReason(rule, secret)) continue;
      if (lineAround(text, span[0]).includes(INLINE_ALLOW)) continue;
      const rawStart = seg.rawOffset(span[0]);
      const rawEnd = seg.rawOffset(span[1]);
      if (rawStart !== null && seg.hasLines && rawLineHasAllow(ctx, rawStart)) continue;
      const identity = groupText(m, "identity") ?? findIdentity(rule, text, span[0], span[1]);
      const groups: Record<string, string> = {};
      for (const [k, v] of Object.entries(m.groups ?? {})) if (v !== undefined && k !== "secret" && k !== "identity") groups[k] = v;
      const positions = seg.hasLines && rawStart !== null && rawEnd !== null;
      const downgraded =
        (rule.def.validator !== undefined && rule.def.onValidatorFailure === "downgrade" && !validate(rule.def.validator, secret)) ||
        handTypedKept(rule, secret);
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
  return out;
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
