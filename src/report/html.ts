// The HTML exposure report: one self-contained file (inline CSS, JS and SVG charts; no CDN, no network),
// readable offline and printable, light and dark by the system setting. Redacted values only: a raw
// secret never reaches the page, even when the input JSON carried --show-secrets values.
import type { Finding, Report } from "../model.js";
import {
  byNhiId,
  countBy,
  credentialsOf,
  durationHistogram,
  headline,
  lifetimeValues,
  residualValues,
  sourceCategory,
  type Credential,
} from "./exposure.js";
import { lifetimeSentence } from "./lifetime-text.js";

export interface HtmlOptions {
  /** Remediation text per rule id (from the rule pack); a family default is used otherwise. */
  remediation?: Map<string, string>;
}

const NHI_TITLES: Record<string, [string, string]> = {
  "NHI1:2025": ["Improper Offboarding", "Credentials left alive after their use ended, e.g. deleted from HEAD but still in history."],
  "NHI2:2025": ["Secret Leakage", "A credential sits where it should not: code, config, logs, history or agent artifacts."],
  "NHI3:2025": ["Vulnerable Third-Party NHI", "Tokens placed in IDE, MCP or agent-tool configs that third-party tools read."],
  "NHI4:2025": ["Insecure Authentication", "Credentials in URLs or query strings, unsigned (alg none) tokens."],
  "NHI5:2025": ["Overprivileged NHI", "Decoded claims or settings grant more than a job needs (service_role, wide scopes)."],
  "NHI6:2025": ["Insecure Cloud Deployment Configurations", "Static cloud keys in CI where OIDC federation could replace them."],
  "NHI7:2025": ["Long-Lived Secrets", "No expiry, an expiry beyond policy, or a token that outlives its task."],
  "NHI8:2025": ["Environment Isolation", "One credential shared across dev, test, staging and production."],
  "NHI9:2025": ["NHI Reuse", "One credential used by several repositories, services or unrelated paths."],
  "NHI10:2025": ["Human Use of NHI", "Service credentials handled by people: shell history, agent transcripts; human tokens in CI."],
};

const GENERIC_REMEDIATION =
  "Revoke or rotate it at the provider, then load it at runtime from a secret manager or replace it with short-lived federated credentials (OIDC, workload identity).";

const esc = (s: unknown): string =>
  String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** A horizontal bar chart as inline SVG. */
function barChart(title: string, rows: [string, number][], id: string): string {
  if (!rows.length || rows.every(([, n]) => n === 0)) {
    // An empty chart still renders (with a note), so the page layout and printouts are the same every time.
    return `<figure class="chart-box"><figcaption>${esc(title)}</figcaption><svg class="chart empty" id="${id}" role="img" aria-label="${esc(title)}: no data" viewBox="0 0 560 40" width="100%"><text x="8" y="24" class="val">No data in this scan.</text></svg></figure>`;
  }
  const max = Math.max(...rows.map(([, n]) => n), 1);
  const rowH = 22;
  const labelW = 210;
  const barW = 300;
  const h = rows.length * rowH + 8;
  const bars = rows
    .map(([label, n], i) => {
      const y = 4 + i * rowH;
      const w = Math.max(n > 0 ? 2 : 0, Math.round((n / max) * barW));
      return `<g><title>${esc(label)}: ${n}</title><text x="${labelW - 8}" y="${y + 15}" text-anchor="end" class="lbl">${esc(label)}</text><rect x="${labelW}" y="${y + 3}" width="${w}" height="${rowH - 8}" rx="3" class="bar"/><text x="${labelW + w + 6}" y="${y + 15}" class="val">${n}</text></g>`;
    })
    .join("");
  return `<figure class="chart-box"><figcaption>${esc(title)}</figcaption><svg class="chart" id="${id}" role="img" aria-label="${esc(title)}" viewBox="0 0 ${labelW + barW + 50} ${h}" width="100%" preserveAspectRatio="xMinYMin meet">${bars}</svg></figure>`;
}

function card(label: string, value: string | number, hint = ""): string {
  return `<div class="card"><div class="num">${esc(value)}</div><div class="lbl">${esc(label)}</div>${hint ? `<div class="hint">${esc(hint)}</div>` : ""}</div>`;
}

function locationText(f: Finding): string {
  const l = f.location;
  const line = l.line !== null ? `:${l.line}` : "";
  const target = l.target !== "." && l.kind !== "stdin" && l.target !== l.path ? `${l.target.replace(/\/$/, "")}/` : "";
  return `${target}${l.path}${line}${l.pointer ? ` ${l.pointer}` : ""}`;
}

function lifetimeSortKey(f: Finding): number {
  const lt = f.lifetime;
  if (!lt) return -1;
  if (lt.expiresAt === null) return Number.MAX_SAFE_INTEGER;
  return lt.remainingSeconds ?? 0;
}

const SEV_ORDER: Record<string, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

function findingRow(f: Finding, remediation: string): string {
  const lt = f.lifetime ? lifetimeSentence(f.lifetime) : "expiry not readable offline";
  const nhi = f.nhi.map((n) => n.id).sort(byNhiId);
  return `<tr data-sev="${esc(f.severity)}">
<td data-k="${SEV_ORDER[f.severity] ?? 0}"><span class="sev sev-${esc(f.severity)}">${esc(f.severity)}</span></td>
<td>${esc(f.ruleName)}<div class="muted small">${esc(f.family)}</div></td>
<td class="loc">${esc(locationText(f))}<div class="muted small">${esc(sourceCategory(f))}</div></td>
<td class="mono">${f.location.commit ? esc(f.location.commit.slice(0, 12)) : ""}</td>
<td class="mono">${esc(f.secret.redacted)}</td>
<td data-k="${lifetimeSortKey(f)}">${esc(lt)}</td>
<td data-k="${f.occurrences}">${f.occurrences}</td>
<td>${nhi.map((id) => `<span class="tag" title="${esc(NHI_TITLES[id]?.[0] ?? id)}">${esc(id)}</span>`).join(" ")}</td>
<td class="small">${esc(remediation)}</td>
</tr>`;
}

function nhiSection(creds: Credential[]): string {
  const counts = countBy(
    creds.flatMap((c) => c.nhi),
    (x) => x,
  ).sort((a, b) => byNhiId(a[0], b[0]));
  if (!counts.length) return "<p class=\"muted\">No findings.</p>";
  const rationale = (id: string): string => {
    for (const c of creds) for (const f of c.findings) if (f.rationale?.[id]) return f.rationale[id];
    return NHI_TITLES[id]?.[1] ?? "";
  };
  const rows = counts
    .map(
      ([id, n]) =>
        `<tr><td class="mono">${esc(id)}</td><td>${esc(NHI_TITLES[id]?.[0] ?? creds.flatMap((c) => c.lead.nhi).find((x) => x.id === id)?.title ?? "")}</td><td>${n}</td><td>${esc(rationale(id))}</td></tr>`,
    )
    .join("");
  return `<table class="plain"><thead><tr><th>Id</th><th>Risk</th><th>Credentials</th><th>Why</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function reusedSection(creds: Credential[]): string {
  const reused = creds.filter((c) => c.findings.length > 1).sort((a, b) => b.findings.length - a.findings.length).slice(0, 10);
  if (!reused.length) return `<p class="muted">No credential was found in more than one place.</p>`;
  const rows = reused
    .map((c) => {
      const targets = new Set(c.findings.map((f) => f.location.target)).size;
      const locs = c.findings
        .slice(0, 5)
        .map((f) => esc(locationText(f)))
        .join("<br>");
      const more = c.findings.length > 5 ? `<br><span class="muted">and ${c.findings.length - 5} more</span>` : "";
      return `<tr><td>${esc(c.lead.ruleName)}</td><td class="mono">${esc(c.lead.secret.redacted)}</td><td>${c.findings.length}</td><td>${targets}</td><td class="loc">${locs}${more}</td></tr>`;
    })
    .join("");
  return `<table class="plain"><thead><tr><th>Credential</th><th>Secret</th><th>Locations</th><th>Targets</th><th>Where</th></tr></thead><tbody>${rows}</tbody></table>`;
}

const CSS = `
:root{--bg:#fff;--fg:#1d2330;--muted:#667085;--card:#f4f6fa;--line:#e2e6ee;--bar:#3b6fd8;--accent:#3b6fd8;
--crit:#b42318;--high:#d9480f;--med:#b7791f;--low:#2b7a78;--info:#667085;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--bg:#111418;--fg:#e6e8ec;--muted:#98a2b3;--card:#1b2027;--line:#2c333d;--bar:#6d9cf5;--accent:#6d9cf5;
--crit:#f97066;--high:#fd853a;--med:#fdb022;--low:#5fd3c9;--info:#98a2b3}}
*{box-sizing:border-box}body{margin:0;padding:24px 32px;background:var(--bg);color:var(--fg);font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 10px;border-bottom:1px solid var(--line);padding-bottom:4px}
.muted{color:var(--muted)}.small{font-size:12px}.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:10px;margin-top:14px}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 12px}.card .num{font-size:24px;font-weight:650}
.card .lbl{font-size:12px;color:var(--muted)}.card .hint{font-size:11px;color:var(--muted)}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(420px,1fr));gap:14px}
.chart-box{margin:0;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px}
figcaption{font-weight:600;margin-bottom:6px}svg.chart .bar{fill:var(--bar)}svg.chart text{fill:var(--fg);font-size:12px}svg.chart .val{fill:var(--muted)}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
th{font-size:12px;color:var(--muted);font-weight:600;white-space:nowrap}#findings th{cursor:pointer;user-select:none}
#findings th.sorted-asc::after{content:" ▲"}#findings th.sorted-desc::after{content:" ▼"}
td.loc{word-break:break-all;max-width:360px}
.sev{display:inline-block;padding:1px 7px;border-radius:10px;font-size:11px;font-weight:650;color:#fff;text-transform:uppercase}
.sev-critical{background:var(--crit)}.sev-high{background:var(--high)}.sev-medium{background:var(--med)}.sev-low{background:var(--low)}.sev-info{background:var(--info)}
.tag{display:inline-block;border:1px solid var(--line);border-radius:4px;padding:0 4px;font-size:11px;margin:1px 0;white-space:nowrap}
.controls{display:flex;gap:8px;margin:8px 0;flex-wrap:wrap}.controls input,.controls select{background:var(--card);color:var(--fg);border:1px solid var(--line);border-radius:6px;padding:5px 8px;font:inherit}
.controls input{min-width:280px}
@media print{body{padding:0}.controls{display:none}.chart-box,.card{break-inside:avoid}tr{break-inside:avoid}}
`;

const SCRIPT = `
(function(){
var table=document.getElementById('findings');if(!table)return;
var tbody=table.tBodies[0];var q=document.getElementById('filter');var sev=document.getElementById('sevfilter');var shown=document.getElementById('shown');
function apply(){var t=(q.value||'').toLowerCase();var s=sev.value;var n=0;
for(var i=0;i<tbody.rows.length;i++){var r=tbody.rows[i];var ok=(!t||r.textContent.toLowerCase().indexOf(t)>=0)&&(!s||r.getAttribute('data-sev')===s);r.style.display=ok?'':'none';if(ok)n++;}
shown.textContent=n;}
q.addEventListener('input',apply);sev.addEventListener('change',apply);
var ths=table.tHead.rows[0].cells;
for(var c=0;c<ths.length;c++){(function(col){ths[col].addEventListener('click',function(){
var asc=!this.classList.contains('sorted-asc');for(var k=0;k<ths.length;k++)ths[k].classList.remove('sorted-asc','sorted-desc');
this.classList.add(asc?'sorted-asc':'sorted-desc');
var rows=Array.prototype.slice.call(tbody.rows);
rows.sort(function(a,b){var x=a.cells[col],y=b.cells[col];var kx=x.getAttribute('data-k'),ky=y.getAttribute('data-k');
var r=(kx!==null&&ky!==null)?(Number(kx)-Number(ky)):x.textContent.localeCompare(y.textContent);return asc?r:-r;});
rows.forEach(function(r){tbody.appendChild(r);});});})(c);}
apply();})();
`;

/** Render the self-contained HTML exposure report. */
export function renderHtml(report: Report, opts: HtmlOptions = {}): string {
  const creds = credentialsOf(report);
  const h = headline(report, creds);
  const live = creds.flatMap((c) => c.findings);
  const remediationOf = (f: Finding) => opts.remediation?.get(f.ruleId) ?? GENERIC_REMEDIATION;

  const cards = [
    card("credentials found", h.credentials, `${h.findings} locations`),
    card("still valid at scan time", h.validAtScan, `${h.expired} expired, ${h.unknownExpiry} expiry unknown`),
    card("long-lived (NHI7)", h.longLived),
    card("outliving their task", h.outlivingTask),
    card("residual exposure", `${h.residualHours} h`, "valid time left after the task ended"),
    card("reused", h.reused, "found in more than one place"),
  ].join("");

  const bySource = barChart("Findings by source and artifact type", countBy(live, sourceCategory), "chart-source");
  const byFamily = barChart("Credentials by provider family", countBy(creds, (c) => c.lead.family).slice(0, 15), "chart-family");
  const lifetimes = barChart("Lifetimes (issued → expiry)", durationHistogram(lifetimeValues(creds), "never expires"), "chart-lifetime");
  const residual = barChart("Residual exposure after the task ended", durationHistogram(residualValues(creds), "forever (no expiry)"), "chart-residual");
  const bySeverity = barChart("Credentials by severity", countBy(creds, (c) => c.severity).sort((a, b) => (SEV_ORDER[b[0]] ?? 0) - (SEV_ORDER[a[0]] ?? 0)), "chart-severity");

  const rows = [...live]
    .sort((a, b) => (SEV_ORDER[b.severity] ?? 0) - (SEV_ORDER[a.severity] ?? 0) || a.location.path.localeCompare(b.location.path))
    .map((f) => findingRow(f, remediationOf(f)))
    .join("\n");

  const targets = report.scan.targets.map(esc).join(", ");
  const suppressed = h.suppressed ? ` · ${h.suppressed} suppressed by baseline or allowlist` : "";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>nhi-scan exposure report</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>Non-human identity exposure report</h1>
<div class="muted">nhi-scan ${esc(report.tool.version)} · scanned ${esc(report.scan.now)} · targets: ${targets} · ${report.scan.stats.files} files, ${report.scan.stats.blobs} blobs${suppressed}</div>
</header>
<section id="headline"><div class="cards">${cards}</div></section>
<section id="nhi"><h2>By OWASP NHI Top 10 (2025) risk</h2>${nhiSection(creds)}</section>
<section id="charts"><h2>Where and what</h2><div class="charts">${bySource}${byFamily}${bySeverity}${lifetimes}${residual}</div></section>
<section id="reused"><h2>Most reused credentials</h2>${reusedSection(creds)}</section>
<section id="table"><h2>Findings</h2>
<div class="controls"><input id="filter" type="search" placeholder="Filter by rule, path, commit, NHI id…" aria-label="Filter findings">
<select id="sevfilter" aria-label="Severity"><option value="">All severities</option><option>critical</option><option>high</option><option>medium</option><option>low</option><option>info</option></select>
<span class="muted"><span id="shown">${live.length}</span> of ${live.length} shown · click a column to sort</span></div>
<table id="findings"><thead><tr><th>Severity</th><th>Rule</th><th>Location</th><th>Commit</th><th>Secret (redacted)</th><th>Lifetime</th><th>Seen</th><th>OWASP NHI</th><th>Remediation</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</section>
<footer class="muted small" style="margin-top:24px">Secrets are shown redacted only. Lifetimes are read offline from the credentials themselves (JWT claims, signed-URL and SAS parameters, key kinds); residual exposure is the time a credential stays valid after the task that used it ended.</footer>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
