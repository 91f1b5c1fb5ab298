// Turns raw matches into findings: fingerprint, redacted secret, location, rule metadata.
import { SEVERITIES, severityRank, type Finding, type Location, type Match, type Origin } from "../model.js";
import type { RuleDef } from "../engine/rule-schema.js";
import { fingerprintOf, sha256Hex } from "./fingerprint.js";
import { redact } from "./redact.js";

/** Build the finding for one match at one origin (lifetime and classification come later). */
export function buildFinding(match: Match, origin: Origin, rule: RuleDef, showSecrets: boolean): Finding {
  const location: Location = {
    target: origin.target,
    path: origin.path,
    line: match.startPos.line,
    column: match.startPos.column,
    endLine: match.endPos.line,
    endColumn: match.endPos.column,
    kind: origin.kind,
  };
  if (origin.kind === "git") {
    location.commit = origin.commit;
    location.author = origin.author;
    location.date = origin.date;
    location.presentAtHead = origin.presentAtHead;
  }
  if (match.pointer) location.pointer = match.pointer;
  const finding: Finding = {
    fingerprint: fingerprintOf(rule.id, match.secret),
    ruleId: rule.id,
    ruleName: rule.name,
    family: rule.family,
    severity: match.downgraded ? SEVERITIES[Math.max(1, severityRank(rule.severity) - 1)] : rule.severity,
    confidence: match.downgraded ? "low" : rule.confidence,
    secret: {
      redacted: redact(match.secret),
      length: match.secret.length,
      sha256: sha256Hex(match.secret),
    },
    location,
    artifact: match.artifact,
    nhi: [],
    occurrences: 1,
  };
  if (showSecrets) finding.secret.value = match.secret;
  if (match.identity) finding.secret.identity = match.identity;
  if (match.taskWindow && (match.taskWindow.start || match.taskWindow.end)) finding.taskWindow = { ...match.taskWindow };
  return finding;
}

/** Set `occurrences` on every finding to the number of findings sharing its fingerprint. */
export function countOccurrences(findings: Finding[]): void {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.fingerprint, (counts.get(f.fingerprint) ?? 0) + 1);
  for (const f of findings) f.occurrences = counts.get(f.fingerprint)!;
}
