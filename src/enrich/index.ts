// The enrich stage: lifetimes (JWT claims, signed-URL / SAS expiry, kind-implied), task windows,
// occurrences across all locations of a scan, and OWASP NHI classification.
import { SEVERITIES, severityRank, type Confidence, type Finding, type Match, type NhiRef, type Severity } from "../model.js";
import type { RuleDef } from "../engine/rule-schema.js";
import { countOccurrences } from "./finding.js";
import { computeLifetime, publicClaims, readCredential, taskEndFor } from "./lifetime/index.js";
import { classifyFindings, loadClassification, type FindingExtras, type LoadedClassification } from "./classify/index.js";
import { nhiNumber } from "./classify/nhi-ids.js";

export { ClassifyLoadError } from "./classify/index.js";

/** A finding fresh from detection, with the match (raw secret included) it came from. */
export interface DetectedItem {
  finding: Finding;
  match: Match;
  rule: RuleDef;
}

export interface EnrichOptions {
  /** The scan clock: --now or the wall clock. */
  now: Date;
  /** --task-end, overriding any task end an artifact reveals. */
  taskEnd: Date | null;
  /** Config policy.maxLifetime overrides: context -> duration. */
  policy?: Record<string, string | number>;
  /** Extra classification rule directories (config classify.dirs). */
  classifyDirs?: string[];
}

const loaded = new WeakMap<EnrichOptions, LoadedClassification>();
// Classification files do not change during a process: load each combination of dirs and policy once.
const byKey = new Map<string, LoadedClassification>();

/**
 * The classification rules and policy these options select, loaded once per options object.
 * Throws ClassifyLoadError on bad data, so a CLI can check it before scanning.
 */
export function classificationFor(opts: EnrichOptions): LoadedClassification {
  let cls = loaded.get(opts);
  if (!cls) {
    const key = JSON.stringify([opts.classifyDirs ?? [], opts.policy ?? {}]);
    cls = byKey.get(key) ?? loadClassification({ dirs: opts.classifyDirs ?? [], maxLifetime: opts.policy });
    byKey.set(key, cls);
    loaded.set(opts, cls);
  }
  return cls;
}

/** Decode what a detected credential says about itself: lifetime against the clock and task end, claims. */
export function enrichItem(item: DetectedItem, opts: EnrichOptions): FindingExtras {
  const { finding, match, rule } = item;
  const { reading, jwt } = readCredential(match.secret, match.identity, match.groups, rule);
  if (reading) finding.lifetime = computeLifetime(reading, opts.now, taskEndFor(opts.taskEnd, match.taskWindow));
  const extras: FindingExtras = { tags: rule.tags, context: match.context };
  if (jwt) {
    const claims = publicClaims(jwt.payload);
    if (Object.keys(claims).length) finding.claims = claims;
    extras.payload = jwt.payload;
    extras.alg = jwt.alg;
  }
  return extras;
}

/** Enrich detected items into final findings: lifetimes, occurrences, NHI classification. */
export function enrichAll(items: DetectedItem[], opts: EnrichOptions): Finding[] {
  if (!items.length) return [];
  const cls = classificationFor(opts);
  const extras = items.map((i) => enrichItem(i, opts));
  const findings = items.map((i) => i.finding);
  countOccurrences(findings);
  classifyFindings(findings, extras, cls, opts.now);
  return findings;
}

/**
 * Classify findings merged from several reports (`nhi-scan report`). Reuse across inputs only shows
 * here, so every finding is judged again against the merged fingerprint groups; what each input
 * already established (ids that needed the segment context or the raw token) is kept, and severity
 * never drops below what an input gave. `baseSeverity` gives a rule's own severity, so adjustments
 * (a raise for NHI8, a cap for expired tokens) are applied once, not on top of earlier ones.
 */
export function classifyMerged(
  findings: Finding[],
  opts: EnrichOptions,
  ruleInfo: (ruleId: string) => { tags: string[]; severity: Severity; confidence: Confidence } | undefined,
): void {
  if (!findings.length) return;
  const before = findings.map((f) => ({ nhi: f.nhi, rationale: f.rationale ?? {}, severity: f.severity }));
  const extras: FindingExtras[] = findings.map((f) => ({ tags: ruleInfo(f.ruleId)?.tags ?? [], payload: f.claims }));
  for (const f of findings) {
    const r = ruleInfo(f.ruleId);
    if (!r) continue;
    // A finding kept at low confidence by a failed checksum was reported one level below its rule.
    const downgraded = f.confidence === "low" && r.confidence !== "low";
    f.severity = downgraded ? SEVERITIES[Math.max(1, severityRank(r.severity) - 1)] : r.severity;
  }
  classifyFindings(findings, extras, classificationFor(opts), opts.now);
  findings.forEach((f, i) => {
    const old = before[i];
    const ids = new Map<string, NhiRef>();
    for (const n of [...old.nhi, ...f.nhi]) ids.set(n.id, n);
    f.nhi = [...ids.values()].sort((a, b) => nhiNumber(a.id) - nhiNumber(b.id));
    f.rationale = { ...old.rationale, ...(f.rationale ?? {}) };
    if (severityRank(old.severity) > severityRank(f.severity)) f.severity = old.severity;
  });
}
