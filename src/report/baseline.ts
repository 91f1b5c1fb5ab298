// Baselines and the ignore file: how a team adopts the scanner on an old codebase. Both only mark
// findings `suppressed` (they stay in JSON and SARIF and are counted in the text summary); neither
// removes a finding from the report. Matching is by fingerprint (rule + secret), so a recorded
// secret stays recognised when its file moves or its line shifts.
import { existsSync, readFileSync } from "node:fs";
import { basename } from "node:path";
import { z } from "zod";
import type { Finding, Report } from "../model.js";
import { globMatcher } from "../util/glob.js";
import { formatZodIssues } from "../util/zod-format.js";

export const BASELINE_FILE = ".nhi-scan-baseline.json";
export const IGNORE_FILE = ".nhi-scanignore";
export const BASELINE_VERSION = 1;

/** A baseline or ignore file that cannot be used (exit 2). */
export class BaselineError extends Error {}

const FINGERPRINT = /^[0-9a-f]{64}$/;

const EntrySchema = z
  .object({
    fingerprint: z.string().regex(FINGERPRINT, "expected a 64-character sha256 hex fingerprint"),
    ruleId: z.string().optional(),
    /** The redacted secret, for people (named so no "secret: value" rule reads the file as a leak). */
    redacted: z.string().optional(),
    locations: z.array(z.string()).optional(),
    comment: z.string().optional(),
  })
  .passthrough();

const BaselineSchema = z.object({ version: z.literal(BASELINE_VERSION), findings: z.array(EntrySchema) }).passthrough();
// A JSON report (`--format json`) also works as a baseline: its fingerprints are the recorded ones.
const ReportSchema = z.object({ schemaVersion: z.literal(1), findings: z.array(z.object({ fingerprint: z.string().regex(FINGERPRINT) }).passthrough()) }).passthrough();

export type BaselineEntry = z.infer<typeof EntrySchema>;

export interface Baseline {
  file: string;
  entries: Map<string, BaselineEntry>;
}

/** The baseline file as written by `nhi-scan baseline create`. */
export interface BaselineDoc {
  version: typeof BASELINE_VERSION;
  tool: "nhi-scan";
  createdAt: string;
  description: string;
  findings: BaselineEntry[];
}

/** Parse baseline JSON (a baseline file or a JSON report). */
export function parseBaseline(text: string, file: string): Baseline {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new BaselineError(`${file}: not valid JSON: ${(e as Error).message}`);
  }
  const entries = new Map<string, BaselineEntry>();
  const asBaseline = BaselineSchema.safeParse(doc);
  if (asBaseline.success) {
    for (const e of asBaseline.data.findings) entries.set(e.fingerprint, e);
    return { file, entries };
  }
  const asReport = ReportSchema.safeParse(doc);
  if (asReport.success) {
    for (const f of asReport.data.findings) entries.set(f.fingerprint, { fingerprint: f.fingerprint });
    return { file, entries };
  }
  throw new BaselineError(`${file}: not a baseline: ${formatZodIssues(asBaseline.error.issues)}`);
}

/** Read and parse a baseline file. */
export function loadBaseline(file: string): Baseline {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new BaselineError(`cannot read baseline ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return parseBaseline(text, file);
}

function locationText(f: Finding): string {
  const l = f.location;
  const at = l.line !== null ? `:${l.line}` : "";
  const commit = l.commit ? `@${l.commit.slice(0, 12)}` : "";
  return `${l.path}${at}${commit}`;
}

/**
 * A baseline of the report's findings that nothing else suppresses, one entry per fingerprint.
 * Comments of entries already in `previous` are kept, so regenerating does not lose the reasons.
 */
export function buildBaseline(report: Report, previous: Baseline | null, createdAt: string): BaselineDoc {
  const byFp = new Map<string, BaselineEntry>();
  for (const f of report.findings) {
    if (f.suppressed && f.suppressed.by !== "baseline") continue;
    let e = byFp.get(f.fingerprint);
    if (!e) {
      e = { fingerprint: f.fingerprint, ruleId: f.ruleId, redacted: f.secret.redacted, locations: [], comment: previous?.entries.get(f.fingerprint)?.comment ?? "" };
      byFp.set(f.fingerprint, e);
    }
    const loc = locationText(f);
    if (!e.locations!.includes(loc)) e.locations!.push(loc);
  }
  return {
    version: BASELINE_VERSION,
    tool: "nhi-scan",
    createdAt,
    description: "Findings accepted when this baseline was made: `--baseline` marks them suppressed (by fingerprint), so only new secrets fail the scan. Give each entry a comment; rotate and remove entries over time.",
    findings: [...byFp.values()].sort((a, b) => a.fingerprint.localeCompare(b.fingerprint)),
  };
}

/** The baseline file's text. */
export function renderBaseline(doc: BaselineDoc): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** Mark findings the baseline holds as suppressed; set `baselineState` on every finding. */
export function applyBaseline(report: Report, baseline: Baseline): void {
  for (const f of report.findings) {
    const e = baseline.entries.get(f.fingerprint);
    f.baselineState = e ? "unchanged" : "new";
    if (e && !f.suppressed) f.suppressed = { by: "baseline", reason: e.comment || `recorded in ${basename(baseline.file)}` };
  }
}

/** One line of the ignore file. */
export interface IgnoreEntry {
  kind: "fingerprint" | "path";
  value: string;
  comment: string | null;
  line: number;
}

export interface IgnoreRules {
  file: string;
  fingerprints: Map<string, IgnoreEntry>;
  paths: { entry: IgnoreEntry; match: (path: string) => boolean }[];
  /** Problems worth a warning: entries without a comment. */
  warnings: string[];
}

/**
 * Parse an ignore file: one entry per line, a full fingerprint or a path glob, each with a comment
 * (after " #" on the same line, or a "#" line right above it). Blank lines end a comment block.
 */
export function parseIgnoreFile(text: string, file: string): IgnoreRules {
  const rules: IgnoreRules = { file, fingerprints: new Map(), paths: [], warnings: [] };
  let block: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line) {
      block = [];
      return;
    }
    if (line.startsWith("#")) {
      block.push(line.replace(/^#+\s*/, ""));
      return;
    }
    const hash = line.search(/\s#/);
    const value = (hash >= 0 ? line.slice(0, hash) : line).trim();
    const trailing = hash >= 0 ? line.slice(hash).replace(/^\s*#+\s*/, "").trim() : "";
    const comment = trailing || block.join(" ").trim() || null;
    const entry: IgnoreEntry = { kind: FINGERPRINT.test(value) ? "fingerprint" : "path", value, comment, line: i + 1 };
    if (!comment) rules.warnings.push(`${file}:${i + 1}: "${value}" has no comment; say why it is ignored`);
    if (entry.kind === "fingerprint") rules.fingerprints.set(value, entry);
    else {
      if (/^[0-9a-f]{8,63}$/.test(value)) rules.warnings.push(`${file}:${i + 1}: "${value}" looks like a shortened fingerprint; use all 64 characters (it is treated as a path glob)`);
      rules.paths.push({ entry, match: globMatcher([value.replace(/^\//, "")]) });
    }
  });
  return rules;
}

/** Load the ignore file at `file`; null when there is none. */
export function loadIgnoreFile(file: string): IgnoreRules | null {
  if (!existsSync(file)) return null;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new BaselineError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return parseIgnoreFile(text, file);
}

/** Mark findings matched by the ignore file as suppressed, with the entry's comment as the reason. */
export function applyIgnore(report: Report, rules: IgnoreRules): void {
  const by = basename(rules.file);
  for (const f of report.findings) {
    if (f.suppressed) continue;
    const entry = rules.fingerprints.get(f.fingerprint) ?? rules.paths.find((p) => p.match(f.location.path))?.entry;
    if (entry) f.suppressed = { by, reason: entry.comment ?? `${by}:${entry.line}` };
  }
}

/** How many findings each suppressor accepted ("baseline" -> 3), for summaries. */
export function suppressionCounts(findings: Finding[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of findings) if (f.suppressed) m.set(f.suppressed.by, (m.get(f.suppressed.by) ?? 0) + 1);
  return m;
}
