// Markdown summary for PR comments and $GITHUB_STEP_SUMMARY.
import type { Report } from "../model.js";

/** Render a compact markdown table of findings. */
export function renderMarkdown(report: Report): string {
  const live = report.findings.filter((f) => !f.suppressed);
  const lines = [`## nhi-scan: ${live.length} finding${live.length === 1 ? "" : "s"}`, ""];
  if (live.length) {
    lines.push("| Severity | Rule | Location | Secret | OWASP NHI |", "|---|---|---|---|---|");
    for (const f of live) {
      const loc = `${f.location.path}${f.location.line !== null ? `:${f.location.line}` : ""}`;
      lines.push(`| ${f.severity} | ${f.ruleName} | \`${loc}\` | \`${f.secret.redacted}\` | ${f.nhi.map((n) => n.id).join(", ")} |`);
    }
  }
  return `${lines.join("\n")}\n`;
}
