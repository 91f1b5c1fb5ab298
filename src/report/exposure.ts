// The exposure picture behind the HTML and markdown reports: findings grouped into credentials (one
// per fingerprint), headline figures, and the breakdowns security teams ask for.
import { severityRank, type Finding, type Report, type Severity } from "../model.js";

/** One credential: every location where the same secret (fingerprint) was found. */
export interface Credential {
  fingerprint: string;
  /** The worst finding of the group; the row's rule, severity and lifetime come from it. */
  lead: Finding;
  findings: Finding[];
  severity: Severity;
  nhi: string[];
}

export interface Headline {
  credentials: number;
  findings: number;
  /** Readable expiry still in the future, or a kind that never expires. */
  validAtScan: number;
  expired: number;
  /** No expiry could be read offline. */
  unknownExpiry: number;
  longLived: number;
  outlivingTask: number;
  residualHours: number;
  reused: number;
  suppressed: number;
}

/** Group unsuppressed findings by fingerprint, worst credential first. */
export function credentialsOf(report: Report): Credential[] {
  const groups = new Map<string, Finding[]>();
  for (const f of report.findings) {
    if (f.suppressed) continue;
    const g = groups.get(f.fingerprint);
    if (g) g.push(f);
    else groups.set(f.fingerprint, [f]);
  }
  const out: Credential[] = [];
  for (const [fingerprint, findings] of groups) {
    const lead = [...findings].sort((a, b) => severityRank(b.severity) - severityRank(a.severity))[0];
    const nhi = [...new Set(findings.flatMap((f) => f.nhi.map((n) => n.id)))].sort(byNhiId);
    out.push({ fingerprint, lead, findings, severity: lead.severity, nhi });
  }
  return out.sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      b.findings.length - a.findings.length ||
      a.lead.ruleId.localeCompare(b.lead.ruleId) ||
      a.fingerprint.localeCompare(b.fingerprint),
  );
}

/** Sort NHI ids numerically: NHI2 before NHI10. */
export function byNhiId(a: string, b: string): number {
  const n = (s: string) => Number(/^NHI(\d+)/.exec(s)?.[1] ?? 99);
  return n(a) - n(b) || a.localeCompare(b);
}

/** Headline figures over credentials. */
export function headline(report: Report, creds: Credential[]): Headline {
  let validAtScan = 0;
  let expired = 0;
  let unknownExpiry = 0;
  let longLived = 0;
  let outlivingTask = 0;
  let residual = 0;
  let reused = 0;
  for (const c of creds) {
    const lt = c.lead.lifetime;
    if (!lt) unknownExpiry++;
    else if (lt.expired) expired++;
    else validAtScan++;
    if (c.nhi.includes("NHI7:2025")) longLived++;
    if (c.findings.some((f) => f.lifetime?.outlivesTask)) outlivingTask++;
    residual += Math.max(0, ...c.findings.map((f) => f.lifetime?.residualSeconds ?? 0));
    if (c.findings.length > 1) reused++;
  }
  return {
    credentials: creds.length,
    findings: creds.reduce((n, c) => n + c.findings.length, 0),
    validAtScan,
    expired,
    unknownExpiry,
    longLived,
    outlivingTask,
    residualHours: Math.round(residual / 360) / 10,
    reused,
    suppressed: report.findings.filter((f) => f.suppressed).length,
  };
}

/** Where a finding sits, in the categories a security team reads: repo file, history only, CI log, ... */
export function sourceCategory(f: Finding): string {
  const a = f.artifact;
  if (a === "mcp-config") return "MCP config";
  if (/transcript|chat-history|aider|cline|cursor|autogen|session/.test(a)) return "Agent transcript";
  if (/checkpoint|sqlite|crewai|agents-session/.test(a)) return "Agent checkpoint / store";
  if (/-log$|^log$|timestamped-log/.test(a)) return "CI or application log";
  if (/workflow|ci-config|gitlab-ci|pipeline/.test(a)) return "CI config";
  if (/notebook/.test(a)) return "Notebook";
  if (f.location.kind === "git") return f.location.presentAtHead === false ? "Git history only" : "Git (still at HEAD)";
  if (f.location.kind === "stdin") return "Standard input";
  return "Repository / file";
}

/** Count items by a key, largest first. */
export function countBy<T>(items: T[], key: (t: T) => string): [string, number][] {
  const m = new Map<string, number>();
  for (const i of items) m.set(key(i), (m.get(key(i)) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** Buckets for lifetime and residual-exposure histograms, in seconds (upper bounds). */
export const DURATION_BUCKETS: [string, number][] = [
  ["≤ 15 min", 900],
  ["≤ 1 h", 3600],
  ["≤ 24 h", 86400],
  ["≤ 7 d", 7 * 86400],
  ["≤ 30 d", 30 * 86400],
  ["≤ 1 y", 366 * 86400],
  ["> 1 y", Infinity],
];

/** Histogram of durations, with a trailing "never expires" bucket for nulls when asked. */
export function durationHistogram(values: (number | null)[], neverLabel?: string): [string, number][] {
  const rows: [string, number][] = DURATION_BUCKETS.map(([l]) => [l, 0]);
  let never = 0;
  for (const v of values) {
    if (v === null) {
      never++;
      continue;
    }
    const i = DURATION_BUCKETS.findIndex(([, max]) => v <= max);
    rows[i][1]++;
  }
  if (neverLabel) rows.push([neverLabel, never]);
  return rows;
}

/** Lifetimes of credentials that have one (null: never expires). */
export function lifetimeValues(creds: Credential[]): (number | null)[] {
  return creds
    .map((c) => c.lead.lifetime)
    .filter((lt): lt is NonNullable<typeof lt> => !!lt)
    .map((lt) => (lt.expiresAt === null ? null : lt.lifetimeSeconds))
    .filter((v): v is number | null => v !== undefined && (v === null || Number.isFinite(v)));
}

/** Residual exposure of credentials that outlived their task (null: forever). */
export function residualValues(creds: Credential[]): (number | null)[] {
  const out: (number | null)[] = [];
  for (const c of creds) {
    const f = c.findings.find((x) => x.lifetime?.outlivesTask);
    if (!f) continue;
    out.push(f.lifetime!.expiresAt === null ? null : f.lifetime!.residualSeconds);
  }
  return out;
}
