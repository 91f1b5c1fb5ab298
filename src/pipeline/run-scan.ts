// The pipeline for filesystem and stdin scans: sources -> extract/detect -> enrich -> a Report.
// Only this module and the CLI know every stage.
import { readFile } from "node:fs/promises";
import type { Blob, Origin, Report, ScanInfo } from "../model.js";
import type { RuleSet } from "../engine/compile.js";
import { walkTarget } from "../sources/filesystem.js";
import { readStdin } from "../sources/stdin.js";
import { enrichAll, type EnrichOptions } from "../enrich/index.js";
import { FindingCollector } from "./collector.js";
import { createBlobScanner } from "./blob-scanner.js";
import { prepareExtractors } from "../extract/index.js";
import { globMatcher } from "../util/glob.js";
import { VERSION } from "../version.js";

export interface ScanSettings {
  targets: string[];
  rules: RuleSet;
  gitignore: boolean;
  include: string[];
  exclude: string[];
  maxFileSize: number;
  /** Config allow.paths: files here are not scanned. */
  allowPaths: string[];
  /** Config allow.fingerprints: findings with these are kept but marked suppressed. */
  allowFingerprints: Set<string>;
  showSecrets: boolean;
  enrich: EnrichOptions;
  /** Warnings go here as they happen (stderr in the CLI). */
  onWarning: (msg: string) => void;
  /** Verbose notes (skipped files and why). */
  onVerbose?: (msg: string) => void;
}

const READ_CONCURRENCY = 16;

/** Scan files and directories on disk. */
export async function scanFilesystem(s: ScanSettings): Promise<Report> {
  const started = new Date();
  const col = new FindingCollector(s.rules, s);
  await prepareExtractors();
  const scanner = createBlobScanner(s.rules);
  const allowed = globMatcher(s.allowPaths);
  for (const target of s.targets) {
    const inflight = new Set<Promise<void>>();
    const walk = walkTarget(
      target,
      { gitignore: s.gitignore, include: s.include, exclude: s.exclude },
      (p) => col.error(p.path, p.message),
      (path, why) => s.onVerbose?.(`${path}: skipped (${why})`),
    );
    for await (const file of walk) {
      if (allowed(file.path)) {
        s.onVerbose?.(`${file.path}: skipped (allow.paths)`);
        continue;
      }
      col.stats.files++;
      if (file.size > s.maxFileSize) {
        col.error(file.path, `skipped: ${file.size} bytes exceeds the maximum file size (${s.maxFileSize})`, "tooLarge");
        continue;
      }
      const origin: Origin = { kind: "file", target, path: file.path, absPath: file.absPath };
      const job = readFile(file.absPath).then(
        async (bytes) => {
          const blob: Blob = { origin, bytes };
          col.add(origin, bytes.length, await scanner.scan(blob));
        },
        (e: NodeJS.ErrnoException) => col.error(file.path, `cannot read: ${e.code ?? e.message}`),
      );
      const tracked = job.finally(() => inflight.delete(tracked));
      inflight.add(tracked);
      if (inflight.size >= READ_CONCURRENCY) await Promise.race(inflight);
    }
    await Promise.all(inflight);
  }
  await scanner.close();
  return finish(col, s, started, "filesystem");
}

/** Scan standard input as one blob. */
export async function scanStdinSource(s: ScanSettings): Promise<Report> {
  const started = new Date();
  const col = new FindingCollector(s.rules, s);
  const bytes = await readStdin();
  const origin: Origin = { kind: "stdin", target: "-", path: "stdin" };
  col.stats.files++;
  await prepareExtractors();
  const scanner = createBlobScanner(s.rules);
  col.add(origin, bytes.length, await scanner.scan({ origin, bytes }));
  await scanner.close();
  return finish(col, s, started, "stdin");
}

/** What `finish` needs from a scan's settings (every source's settings carry these). */
export type FinishSettings = Pick<ScanSettings, "targets" | "enrich" | "allowFingerprints">;

/** Enrich, sort and wrap the collected findings into a Report. */
export function finish(col: FindingCollector, s: FinishSettings, started: Date, source: ScanInfo["source"]): Report {
  col.stats.blobs = col.stats.blobs || col.stats.files;
  const findings = enrichAll(col.items, s.enrich);
  for (const f of findings) {
    if (s.allowFingerprints.has(f.fingerprint)) f.suppressed = { by: "config allow.fingerprints" };
  }
  findings.sort(
    (a, b) =>
      a.location.target.localeCompare(b.location.target) ||
      a.location.path.localeCompare(b.location.path) ||
      (a.location.line ?? 0) - (b.location.line ?? 0) ||
      (a.location.column ?? 0) - (b.location.column ?? 0) ||
      a.ruleId.localeCompare(b.ruleId),
  );
  const finished = new Date();
  col.stats.durationMs = finished.getTime() - started.getTime();
  return {
    schemaVersion: 1,
    tool: { name: "nhi-scan", version: VERSION },
    scan: {
      startedAt: started.toISOString(),
      finishedAt: finished.toISOString(),
      now: s.enrich.now.toISOString(),
      targets: s.targets,
      source,
      stats: col.stats,
    },
    findings,
    errors: col.errors,
  };
}
