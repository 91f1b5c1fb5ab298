// Markdown summary for a PR comment or $GITHUB_STEP_SUMMARY: headline figures and one row per
// credential (fingerprint) with its locations. Redacted values only.
import type { Finding, Report } from "../model.js";
import { byNhiId, countBy, credentialsOf, headline } from "./exposure.js";
import { formatDuration } from "./lifetime-text.js";

const MAX_ROWS = 50;
const MAX_LOCATIONS = 3;

/** Escape text for a markdown table cell. */
function cell(s: string): string {
  return s.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/[\r\n]+/g, " ").replace(/`/g, "'");
}

function where(f: Finding): string {
  const l = f.location;
  const line = l.line !== null ? `:${l.line}` : "";
  const commit = l.commit ? ` @${l.commit.slice(0, 8)}${l.presentAtHead === false ? " (history only)" : ""}` : "";
  const target = l.target !== "." && l.kind !== "stdin" && l.target !== l.path ? `${l.target.replace(/\/$/, "")}/` : "";
  return `\`${cell(`${target}${l.path}${line}`)}\`${commit}`;
}

function lifetimeCell(f: Finding): string {
  const lt = f.lifetime;
  if (!lt) return "unknown";
  if (lt.expiresAt === null) return "never expires";
  if (lt.expired) return "expired";
  const rest = `${formatDuration(lt.remainingSeconds ?? 0)} left`;
  return lt.outlivesTask ? `${rest}, outlives task by ${formatDuration(lt.residualSeconds ?? 0)}` : rest;
}

/** Render the markdown summary. */
export function renderMarkdown(report: Report): string {
  const creds = credentialsOf(report);
  const h = headline(report, creds);
  const out: string[] = [];
  out.push(`## nhi-scan: ${h.credentials} credential${h.credentials === 1 ? "" : "s"} in ${h.findings} location${h.findings === 1 ? "" : "s"}`);
  out.push("");
  if (!creds.length) {
    out.push("No secrets found.");
  } else {
    const sev = countBy(creds, (c) => c.severity)
      .map(([s, n]) => `${n} ${s}`)
      .join(", ");
    out.push(`**Severity:** ${sev}  `);
    out.push(
      `**Still valid:** ${h.validAtScan} · **expired:** ${h.expired} · **expiry unknown:** ${h.unknownExpiry} · **long-lived:** ${h.longLived} · **outliving their task:** ${h.outlivingTask} (${h.residualHours} h residual) · **reused:** ${h.reused}  `,
    );
    const nhi = countBy(
      creds.flatMap((c) => c.nhi),
      (x) => x,
    ).sort((a, b) => byNhiId(a[0], b[0]));
    if (nhi.length) out.push(`**OWASP NHI:** ${nhi.map(([id, n]) => `${id} (${n})`).join(", ")}`);
    out.push("");
    out.push("| Severity | Credential | Secret | Locations | Lifetime | OWASP NHI |");
    out.push("|---|---|---|---|---|---|");
    for (const c of creds.slice(0, MAX_ROWS)) {
      const locs = c.findings.slice(0, MAX_LOCATIONS).map(where).join("<br>");
      const more = c.findings.length > MAX_LOCATIONS ? `<br>and ${c.findings.length - MAX_LOCATIONS} more` : "";
      out.push(
        `| ${c.severity} | ${cell(c.lead.ruleName)} | \`${cell(c.lead.secret.redacted)}\` | ${locs}${more} | ${lifetimeCell(c.lead)} | ${c.nhi.join(", ")} |`,
      );
    }
    if (creds.length > MAX_ROWS) out.push("", `…and ${creds.length - MAX_ROWS} more credentials (see the JSON or HTML report).`);
  }
  if (h.suppressed) out.push("", `${h.suppressed} finding${h.suppressed === 1 ? "" : "s"} suppressed by a baseline or allowlist.`);
  const st = report.scan.stats;
  out.push("", `<sub>nhi-scan ${report.tool.version} · ${st.files} files, ${st.blobs} blobs scanned · ${report.scan.now}</sub>`);
  return `${out.join("\n")}\n`;
}
