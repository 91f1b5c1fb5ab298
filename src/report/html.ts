// HTML exposure report.
import type { Report } from "../model.js";

/** Render a self-contained HTML report. */
export function renderHtml(report: Report): string {
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const rows = report.findings
    .map((f) => `<tr><td>${esc(f.severity)}</td><td>${esc(f.ruleName)}</td><td>${esc(f.location.path)}:${f.location.line ?? ""}</td><td><code>${esc(f.secret.redacted)}</code></td></tr>`)
    .join("\n");
  return `<!doctype html><html><head><meta charset="utf-8"><title>nhi-scan report</title></head><body><h1>nhi-scan</h1><table>${rows}</table></body></html>\n`;
}
