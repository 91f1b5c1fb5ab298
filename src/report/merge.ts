// Merges JSON results of several scans (repositories, shards, days) into one report, as OUTPUT.md
// says: concatenate, drop exact duplicates, recount occurrences across all inputs. Classification is
// re-run by the caller, since reuse across inputs only becomes visible here.
import { readFile } from "node:fs/promises";
import type { Finding, Report, ScanError, ScanStats } from "../model.js";

/** A result file that cannot be merged: the CLI exits 2 with this message. */
export class MergeInputError extends Error {}

/** Read and check one JSON result file. */
export async function readReportFile(file: string): Promise<Report> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    throw new MergeInputError(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new MergeInputError(`${file}: not valid JSON: ${(e as Error).message}`);
  }
  const r = doc as Partial<Report>;
  if (!r || typeof r !== "object" || r.schemaVersion === undefined) {
    throw new MergeInputError(`${file}: not an nhi-scan JSON result (no schemaVersion)`);
  }
  if (r.schemaVersion !== 1) {
    throw new MergeInputError(`${file}: schemaVersion ${String(r.schemaVersion)} is not supported (this nhi-scan reads schemaVersion 1)`);
  }
  if (!Array.isArray(r.findings) || !r.scan || typeof r.scan !== "object") {
    throw new MergeInputError(`${file}: malformed result (findings or scan missing)`);
  }
  return r as Report;
}

function dedupKey(f: Finding): string {
  const l = f.location;
  return [f.fingerprint, l.target, l.path, l.line ?? "", l.commit ?? "", l.pointer ?? ""].join("\0");
}

function addStats(a: ScanStats, b: ScanStats): ScanStats {
  const skipped = { ...a.skipped };
  for (const [k, v] of Object.entries(b.skipped ?? {})) {
    const key = k as keyof ScanStats["skipped"];
    skipped[key] = (skipped[key] ?? 0) + (v ?? 0);
  }
  return {
    files: a.files + (b.files ?? 0),
    blobs: a.blobs + (b.blobs ?? 0),
    bytes: a.bytes + (b.bytes ?? 0),
    skipped,
    durationMs: a.durationMs + (b.durationMs ?? 0),
  };
}

/**
 * Merge reports. Raw secret values are dropped unless `keepValues` (a merged report is handed on,
 * so it is redacted by default even when an input was made with --show-secrets).
 */
export function mergeReports(reports: Report[], opts: { keepValues?: boolean; version: string; now?: Date }): Report {
  const seen = new Set<string>();
  const findings: Finding[] = [];
  const errors: ScanError[] = [];
  let stats: ScanStats = { files: 0, blobs: 0, bytes: 0, skipped: { binary: 0, tooLarge: 0, unreadable: 0 }, durationMs: 0 };
  const targets: string[] = [];
  const sources = new Set<string>();
  let startedAt = "";
  let finishedAt = "";
  let now = "";
  for (const r of reports) {
    stats = addStats(stats, r.scan.stats ?? stats);
    for (const t of r.scan.targets ?? []) if (!targets.includes(t)) targets.push(t);
    sources.add(r.scan.source);
    if (!startedAt || r.scan.startedAt < startedAt) startedAt = r.scan.startedAt;
    if (!finishedAt || r.scan.finishedAt > finishedAt) finishedAt = r.scan.finishedAt;
    if (!now || r.scan.now > now) now = r.scan.now;
    errors.push(...(r.errors ?? []));
    for (const f of r.findings) {
      const key = dedupKey(f);
      if (seen.has(key)) continue;
      seen.add(key);
      const copy: Finding = structuredClone(f);
      if (!opts.keepValues) delete copy.secret.value;
      findings.push(copy);
    }
  }
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.fingerprint, (counts.get(f.fingerprint) ?? 0) + 1);
  for (const f of findings) f.occurrences = counts.get(f.fingerprint)!;
  if (opts.now) now = opts.now.toISOString();
  refreshClock(findings, new Date(now));
  return {
    schemaVersion: 1,
    tool: { name: "nhi-scan", version: opts.version },
    scan: {
      startedAt,
      finishedAt,
      now,
      targets,
      source: sources.size === 1 ? ([...sources][0] as Report["scan"]["source"]) : "merged",
      stats,
    },
    findings,
    errors,
  };
}

/**
 * Inputs were scanned at different times: judge every lifetime against the merged report's one clock
 * (the latest input's `now`, or --now), so "expired" and "remaining" mean the same thing on every row.
 */
export function refreshClock(findings: Finding[], now: Date): void {
  const t = now.getTime();
  if (Number.isNaN(t)) return;
  for (const f of findings) {
    const lt = f.lifetime;
    if (!lt || lt.expiresAt === null) continue;
    const exp = Date.parse(lt.expiresAt);
    if (Number.isNaN(exp)) continue;
    lt.expired = exp <= t;
    lt.remainingSeconds = Math.max(0, Math.round((exp - t) / 1000));
  }
}
