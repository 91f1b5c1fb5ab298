// Markdown summary for PR comments and $GITHUB_STEP_SUMMARY.
import type { Report } from "../model.js";

/** Render a compact markdown table of findings. */
export function renderMarkdown(report: Report): string {
  const live = report.findings.filter((f) => !f.suppressed);
  const lines = [`## nhi-scan: ${live.length} finding${live.length === 1 ? "" : "s"}`, ""];
  if (live.length) {
    lines.push("| Severity | Rule | Location | Secret | OWASP NHI |", "|---|---|---|---|---|");
    for (const f of live) {
      const commit = f.location.commit ? ` @ ${f.location.commit.slice(0, 12)}${f.location.presentAtHead === false ? " (history only)" : ""}` : "";
      const loc = `${f.location.path}${f.location.line !== null ? `:${f.location.line}` : ""}${commit}`.replace(/[`|\n]/g, "?");
      lines.push(`| ${f.severity} | ${f.ruleName} | \`${loc}\` | \`${f.secret.redacted}\` | ${f.nhi.map((n) => n.id).join(", ")} |`);
    }
  }
  const suppressed = report.findings.length - live.length;
  if (suppressed) lines.push("", `${suppressed} suppressed finding${suppressed === 1 ? "" : "s"} (baseline, ignore file or allowlist) are kept in the JSON and SARIF reports.`);
  return `${lines.join("\n")}\n`;
}
