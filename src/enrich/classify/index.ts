// OWASP NHI Top 10 classification: every finding is matched against the classification rules (data in
// rules/classify/), which give it NHI ids, one rationale line per id and severity adjustments.
// Deterministic: the same findings and rules always give the same result, in rule-file order.
import { SEVERITIES, severityRank, type Finding, type Severity } from "../../model.js";
import { baseFacts, exceeds, groupFacts, type Facts, type FindingExtras } from "./facts.js";
import { nhiNumber, nhiRef, type NhiId } from "./nhi-ids.js";
import { renderRationale } from "./rationale.js";
import type { LoadedClassification } from "./loader.js";

export { loadClassification, ClassifyLoadError, BUILTIN_CLASSIFY_DIR, type LoadedClassification } from "./loader.js";
export { NHI_TITLES, NHI_IDS, nhiRef } from "./nhi-ids.js";
export type { Facts, FindingExtras } from "./facts.js";

export interface Verdict {
  nhi: NhiId[];
  rationale: Record<string, string>;
  severity: Severity;
  /** Ids of the classification rules that fired, in order. */
  fired: string[];
}

/** Choose the policy context and maximum lifetime for a finding's facts, then judge its lifetime. */
export function applyPolicy(facts: Facts, cls: LoadedClassification): Facts {
  const ctx = cls.contexts.find((c) => c.match(facts))?.name ?? "default";
  const max = cls.maxLifetime.get(ctx) ?? cls.maxLifetime.get("default")!;
  facts.policyContext = ctx;
  facts.policyMaxSeconds = max;
  facts.exceedsPolicy = facts.lifetime !== null || facts.neverExpires ? exceeds(facts, max) : false;
  return facts;
}

/** Run every classification rule over one finding's facts. */
export function judge(facts: Facts, base: Severity, cls: LoadedClassification): Verdict {
  const ids = new Set<NhiId>();
  const lines = new Map<string, string[]>();
  const fired: string[] = [];
  let delta = 0;
  let floor = -1;
  let cap = Infinity;
  for (const r of cls.rules) {
    if (!r.match(facts)) continue;
    fired.push(r.id);
    ids.add(r.nhi as NhiId);
    const l = lines.get(r.nhi) ?? [];
    l.push(renderRationale(r.rationale, facts));
    lines.set(r.nhi, l);
    if (r.severity?.delta) delta += r.severity.delta;
    if (r.severity?.atLeast) floor = Math.max(floor, severityRank(r.severity.atLeast));
    if (r.severity?.atMost) cap = Math.min(cap, severityRank(r.severity.atMost));
  }
  let rank = Math.min(SEVERITIES.length - 1, Math.max(0, severityRank(base) + delta));
  rank = Math.max(rank, floor);
  rank = Math.min(rank, cap);
  const nhi = [...ids].sort((a, b) => nhiNumber(a) - nhiNumber(b));
  const rationale: Record<string, string> = {};
  for (const id of nhi) rationale[id] = lines.get(id)!.join(" ");
  return { nhi, rationale, severity: SEVERITIES[rank], fired };
}

/**
 * Classify findings that belong to one report: reuse figures are computed across all of them, so the
 * same secret in several places or environments is seen as such. `extras[i]` belongs to `findings[i]`.
 */
export function classifyFindings(findings: Finding[], extras: FindingExtras[], cls: LoadedClassification, now: Date): void {
  const groups = groupFacts(findings, cls.environmentWords);
  findings.forEach((f, i) => {
    const facts = applyPolicy(baseFacts(f, extras[i] ?? {}, groups.get(f.fingerprint)!, now), cls);
    const v = judge(facts, f.severity, cls);
    f.nhi = v.nhi.map(nhiRef);
    f.rationale = v.rationale;
    f.severity = v.severity;
  });
}
