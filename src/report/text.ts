// The text report for people: one block per finding, then a summary. Colour only on a TTY.
import pc from "picocolors";
import { SEVERITIES, severityRank, type Finding, type Report, type Severity } from "../model.js";
import { formatDuration, lifetimeSentence } from "./lifetime-text.js";
import { suppressionCounts } from "./baseline.js";

type Colors = ReturnType<typeof pc.createColors>;

function badge(c: Colors, s: Severity): string {
  const label = ` ${s.toUpperCase()} `;
  switch (s) {
    case "critical":
      return c.bgRed(c.white(c.bold(label)));
    case "high":
      return c.red(c.bold(label));
    case "medium":
      return c.yellow(label);
    case "low":
      return c.cyan(label);
    default:
      return c.dim(label);
  }
}

function where(f: Finding): string {
  const l = f.location;
  const pos = l.line !== null ? `:${l.line}:${l.column}` : "";
  const prefix = l.target !== "." && l.kind !== "stdin" && l.target !== l.path ? `${l.target.replace(/\/$/, "")}/` : "";
  const commit = l.commit ? ` @ ${l.commit.slice(0, 12)}${l.presentAtHead === false ? " (history only)" : ""}` : "";
  const ptr = l.pointer ? ` ${l.pointer}` : "";
  return `${prefix}${l.path}${pos}${commit}${ptr}`;
}

/** Render findings and a summary as text; `color` decides whether ANSI codes are used. */
export function renderText(report: Report, opts: { color: boolean }): string {
  const c = pc.createColors(opts.color);
  const out: string[] = [];
  const shown = report.findings.filter((f) => !f.suppressed);
  const now = new Date(report.scan.now);
  for (const f of shown) {
    out.push(`${badge(c, f.severity)} ${c.bold(f.ruleName)} ${c.dim(`(${f.ruleId})`)}`);
    out.push(`  ${c.underline(where(f))}`);
    if (f.location.commit) out.push(`  introduced ${f.location.date?.slice(0, 10) ?? "?"} by ${f.location.author ?? "?"}`);
    const id = f.secret.identity ? `  identity ${f.secret.identity}` : "";
    const value = f.secret.value !== undefined ? `  value ${f.secret.value}` : "";
    out.push(`  secret ${f.secret.redacted} (${f.secret.length} chars)${id}${value}`);
    if (f.lifetime) out.push(`  lifetime: ${lifetimeSentence(f.lifetime, now)}`);
    const nhi = f.nhi.map((n) => `${n.id} ${n.title}`).join(", ");
    const occ = f.occurrences > 1 ? `  seen ${f.occurrences}× (fingerprint ${f.fingerprint.slice(0, 12)})` : "";
    if (nhi) out.push(`  ${c.magenta(nhi)}${occ}`);
    // Why each risk beyond plain leakage applies, one line per id.
    for (const n of f.nhi) {
      const why = f.rationale?.[n.id];
      if (why && n.id !== "NHI2:2025") out.push(`    ${c.dim(`${n.id}: ${why}`)}`);
    }
    out.push("");
  }
  out.push(summary(report, c));
  return `${out.join("\n")}\n`;
}

function summary(report: Report, c: Colors): string {
  const live = report.findings.filter((f) => !f.suppressed);
  const suppressed = report.findings.length - live.length;
  const bySev = new Map<Severity, number>();
  for (const f of live) bySev.set(f.severity, (bySev.get(f.severity) ?? 0) + 1);
  const sevs = [...SEVERITIES].reverse().filter((s) => bySev.has(s)).map((s) => `${bySev.get(s)} ${s}`);
  const byNhi = new Map<string, number>();
  for (const f of live) for (const n of f.nhi) byNhi.set(n.id, (byNhi.get(n.id) ?? 0) + 1);
  const nhi = [...byNhi.entries()]
    .sort((a, b) => Number(a[0].slice(3).split(":")[0]) - Number(b[0].slice(3).split(":")[0]))
    .map(([k, v]) => `${k} ${v}`);
  const distinct = new Set(live.map((f) => f.fingerprint)).size;
  const st = report.scan.stats;
  const lines: string[] = [];
  const head = live.length
    ? c.bold(`${live.length} finding${live.length === 1 ? "" : "s"} (${distinct} distinct secret${distinct === 1 ? "" : "s"}): ${sevs.join(", ")}`)
    : c.green(c.bold("No secrets found."));
  lines.push(head);
  if (nhi.length) lines.push(`OWASP NHI: ${nhi.join(", ")}`);
  lines.push(...lifetimeSummary(live));
  if (suppressed) {
    const by = [...suppressionCounts(report.findings)].map(([k, n]) => `${n} ${k}`).join(", ");
    lines.push(`${suppressed} suppressed (${by}); they stay in the JSON and SARIF reports`);
  }
  const skipped = st.skipped;
  const skip = [
    skipped.binary ? `${skipped.binary} binary` : "",
    skipped.tooLarge ? `${skipped.tooLarge} too large` : "",
    skipped.unreadable ? `${skipped.unreadable} unreadable` : "",
  ].filter(Boolean);
  const unit = report.scan.source === "git" ? `${st.blobs} blobs${st.commits ? ` in ${st.commits} commits` : ""}` : `${st.files} files`;
  lines.push(
    c.dim(
      `Scanned ${unit}, ${formatBytes(st.bytes)} in ${(st.durationMs / 1000).toFixed(2)} s` +
        (skip.length ? `; skipped ${skip.join(", ")}` : "") +
        (report.errors.length ? `; ${report.errors.length} warning${report.errors.length === 1 ? "" : "s"}` : ""),
    ),
  );
  return lines.join("\n");
}

/**
 * Live vs expired credentials and the total residual exposure, counted per credential (fingerprint):
 * a secret found in three places is one credential whose residual exposure counts once (the longest).
 */
export function lifetimeSummary(findings: Finding[]): string[] {
  const byFp = new Map<string, Finding[]>();
  for (const f of findings) if (f.lifetime) byFp.set(f.fingerprint, [...(byFp.get(f.fingerprint) ?? []), f]);
  if (!byFp.size) return [];
  let expired = 0;
  let never = 0;
  let outlived = 0;
  let forever = 0;
  let residual = 0;
  for (const group of byFp.values()) {
    const lt = group[0].lifetime!;
    if (lt.expired) expired++;
    if (lt.expiresAt === null && lt.maxSeconds === undefined) never++;
    const out = group.filter((f) => f.lifetime!.outlivesTask);
    if (!out.length) continue;
    outlived++;
    if (lt.expiresAt === null) forever++;
    else residual += Math.max(...out.map((f) => f.lifetime!.residualSeconds ?? 0));
  }
  const n = byFp.size;
  const lines = [
    `Lifetimes: ${n} credential${n === 1 ? "" : "s"} with a known lifetime: ${n - expired} live${never ? ` (${never} never expire${never === 1 ? "s" : ""})` : ""}, ${expired} expired`,
  ];
  if (outlived) {
    lines.push(
      `Residual exposure: ${outlived} credential${outlived === 1 ? " outlived its" : "s outlived their"} task; total ${formatDuration(residual)}` +
        (forever ? ` plus ${forever} that never expire${forever === 1 ? "s" : ""}` : ""),
    );
  }
  return lines;
}

/** "1.2 MB" */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

/** Sort findings worst first (for display). */
export function bySeverityDesc(a: Finding, b: Finding): number {
  return severityRank(b.severity) - severityRank(a.severity);
}
