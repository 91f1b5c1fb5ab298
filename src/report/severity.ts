// Severity mappings shared by the reporters and the exit code.
import { severityRank, type Finding, type Severity } from "../model.js";

/** GitHub's security-severity score per severity (critical > 9.0, high 7.0-8.9, ...). */
export const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: "9.5",
  high: "8.0",
  medium: "5.5",
  low: "3.0",
  info: "1.0",
};

/** SARIF result level per severity. */
export function sarifLevel(s: Severity): "error" | "warning" | "note" {
  return s === "critical" || s === "high" ? "error" : s === "medium" ? "warning" : "note";
}

/**
 * Findings that gate a merge: not suppressed, and at or above the severity threshold or carrying a
 * gated NHI id. A null threshold gates on NHI ids alone.
 */
export function gatingFindings(findings: Finding[], failOn: Severity | null, failOnNhi: readonly string[] = []): Finding[] {
  const min = failOn === null ? Infinity : severityRank(failOn);
  return findings.filter(
    (f) => !f.suppressed && (severityRank(f.severity) >= min || f.nhi.some((n) => failOnNhi.includes(n.id))),
  );
}
