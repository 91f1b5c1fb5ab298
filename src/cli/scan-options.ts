// Flags shared by every scanning command (scan, git, agents), and their resolution against the
// config file: flags override the file.
import { Command, Option } from "commander";
import { SEVERITIES, type Severity } from "../model.js";
import { loadRules, RuleLoadError } from "../engine/rule-loader.js";
import { RuleCompileError, RuleSet } from "../engine/compile.js";
import type { RuleDef } from "../engine/rule-schema.js";
import { parseInstant, parseSize } from "../util/units.js";
import { ConfigError, findConfig, loadConfig, type Config } from "./config.js";
import { UsageError } from "./errors.js";
import { parseShard, type Shard } from "../util/shard.js";
import { Progress, type ProgressCounts } from "./progress.js";
import { resolveFormat, sarifRuleInfo, type EmitOptions } from "./emit.js";
import { classificationFor, ClassifyLoadError, type EnrichOptions } from "../enrich/index.js";
import { BaselineError, IGNORE_FILE, loadBaseline, loadIgnoreFile, type Baseline, type IgnoreRules } from "../report/baseline.js";
import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

export interface CommonFlags {
  shard?: string;
  format?: string;
  output?: string;
  showSecrets?: boolean;
  failOn?: string;
  failOnNhi?: string;
  config?: string;
  rulesDir?: string[];
  disableRule?: string[];
  now?: string;
  taskEnd?: string;
  color?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  workers?: string;
  baseline?: string;
}

/** Add the output, gating, config and clock flags to a command. */
export function addCommonOptions(cmd: Command): Command {
  return cmd
    .option("--shard <K/N>", "scan only shard K of N (deterministic by path or blob id); merge the shards' JSON with `nhi-scan report`")
    .option("-f, --format <format>", "text | json | sarif | markdown | html (default: from --output extension, else text)")
    .option("-o, --output <file>", "write the report to a file (atomically, mode 0600)")
    .option("--show-secrets", "include raw secret values in the report (they are redacted by default)")
    .addOption(new Option("--fail-on <severity>", "exit 1 when a finding is at or above this severity (default: low)").choices([...SEVERITIES]))
    .option("--fail-on-nhi <ids>", "exit 1 when a finding carries one of these OWASP NHI ids (comma-separated, e.g. NHI7:2025)")
    .option("-c, --config <file>", "configuration file (default: .nhi-scan.yaml at the scan root)")
    .option("--rules-dir <dir...>", "extra rule directories (same schema as rules/)")
    .option("--disable-rule <id...>", "rule ids to turn off")
    .option("--now <iso>", "the scan clock for lifetime figures (default: the system clock)")
    .option("--task-end <iso|now>", "when the task that used these credentials ended")
    .option("--no-color", "never colour the text output")
    .option("-q, --quiet", "no warnings or progress on stderr")
    .option("-v, --verbose", "log skipped files and why on stderr")
    .option("--workers <n>", "worker threads for big scans (default: the available cores; 0 = main thread only)")
    .option("--baseline <file>", "accepted findings (from `nhi-scan baseline create` or a JSON report): marked suppressed, only new ones gate");
}

/** Everything a scanning command resolves from flags + config before it runs. */
export interface Resolved {
  config: Config;
  configFile: string | null;
  rules: RuleSet;
  ruleDefs: RuleDef[];
  failOn: Severity | null;
  failOnNhi: string[];
  enrich: EnrichOptions;
  emit: EmitOptions;
  showSecrets: boolean;
  quiet: boolean;
  warn: (msg: string) => void;
  verbose?: (msg: string) => void;
  /** --workers; undefined = the available cores. */
  workers?: number;
  /** --baseline: accepted fingerprints. */
  baseline: Baseline | null;
  /** The .nhi-scanignore file at the scan root, when there is one. */
  ignore: IgnoreRules | null;
  /** --shard K/N, or null for the whole scan. */
  shard: Shard | null;
  /** Progress reporting on stderr (a TTY, not --quiet); undefined otherwise. */
  progress?: Progress;
}

/** The directory a scan's root files (.nhi-scan.yaml, .nhi-scanignore) live in. */
export function scanRoot(targets: string[]): string {
  const dir = targets.find((t) => t !== "-" && existsSync(t) && statSync(t).isDirectory());
  return dir ? resolve(dir) : process.cwd();
}

/** Parse the --max-file-size style flag. */
export function sizeFlag(v: string | undefined, dflt: number, name: string): number {
  if (v === undefined) return dflt;
  const n = parseSize(v);
  if (n === null || n <= 0) throw new UsageError(`invalid ${name} "${v}" (expected e.g. 10MB, 512KB)`);
  return n;
}

/** Resolve config, rules, clock and output options for a scanning command. */
export function resolveCommon(flags: CommonFlags, targets: string[]): Resolved {
  let configFile: string | null;
  let config: Config;
  try {
    configFile = flags.config ?? findConfig(targets);
    if (flags.config && !configFile) throw new ConfigError(`config file ${flags.config} not found`);
    ({ config, file: configFile } = loadConfig(configFile));
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.message);
    throw e;
  }
  let ruleDefs: RuleDef[];
  let rules: RuleSet;
  try {
    ruleDefs = loadRules({
      dirs: [...(config.rules?.dirs ?? []), ...(flags.rulesDir ?? [])],
      disable: [...(config.rules?.disable ?? []), ...(flags.disableRule ?? [])],
    });
    rules = new RuleSet(ruleDefs);
  } catch (e) {
    if (e instanceof RuleLoadError || e instanceof RuleCompileError) throw new UsageError(e.message);
    throw e;
  }
  let now = new Date();
  if (flags.now) {
    const d = parseInstant(flags.now);
    if (!d) throw new UsageError(`invalid --now "${flags.now}" (expected an ISO-8601 time such as 2026-11-21T10:00:00Z)`);
    now = d;
  }
  let taskEnd: Date | null = null;
  if (flags.taskEnd) {
    if (flags.taskEnd === "now") taskEnd = now;
    else {
      const d = parseInstant(flags.taskEnd);
      if (!d) throw new UsageError(`invalid --task-end "${flags.taskEnd}" (expected an ISO-8601 time or "now")`);
      taskEnd = d;
    }
  }
  const failOnNhi = (flags.failOnNhi ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const id of failOnNhi) {
    if (!/^NHI(10|[1-9]):2025$/.test(id)) throw new UsageError(`invalid --fail-on-nhi id "${id}" (expected e.g. NHI7:2025)`);
  }
  const nhiGate = failOnNhi.length ? failOnNhi : (config.failOnNhi ?? []);
  // With only an NHI gate asked for, severity alone does not fail the run.
  const explicitSeverity = (flags.failOn ?? config.failOn) as Severity | undefined;
  const failOn: Severity | null = explicitSeverity ?? (nhiGate.length ? null : "low");
  const enrich: EnrichOptions = { now, taskEnd, policy: config.policy?.maxLifetime, classifyDirs: config.classify?.dirs ?? [] };
  try {
    // The user's classification rules or policy are checked before scanning (exit 2 when bad); the
    // built-in ones load only when there is something to classify.
    if (enrich.policy || enrich.classifyDirs?.length) classificationFor(enrich);
  } catch (e) {
    if (e instanceof ClassifyLoadError) throw new UsageError(e.message);
    throw e;
  }
  let workers: number | undefined;
  if (flags.workers !== undefined) {
    if (!/^\d{1,3}$/.test(flags.workers.trim())) throw new UsageError(`invalid --workers "${flags.workers}" (expected a number of threads, 0 for none)`);
    workers = Number(flags.workers.trim());
  }
  const format = resolveFormat(flags.format, flags.output);
  let shard: Shard | null = null;
  if (flags.shard !== undefined) {
    shard = parseShard(flags.shard);
    if (!shard) throw new UsageError(`invalid --shard "${flags.shard}" (expected K/N with 1 <= K <= N, e.g. 2/8)`);
  }
  const quiet = !!flags.quiet;
  const progress = !quiet && process.stderr.isTTY ? new Progress(process.stderr) : undefined;
  // A warning first erases the progress line, so the two never share a line.
  const say = (line: string) => {
    progress?.clear();
    process.stderr.write(line);
  };
  const warn = quiet ? () => {} : (msg: string) => say(`nhi-scan: warning: ${msg}\n`);
  let baseline: Baseline | null = null;
  let ignore: IgnoreRules | null = null;
  try {
    if (flags.baseline) baseline = loadBaseline(flags.baseline);
    ignore = loadIgnoreFile(join(scanRoot(targets), IGNORE_FILE));
  } catch (e) {
    if (e instanceof BaselineError) throw new UsageError(e.message);
    throw e;
  }
  for (const w of ignore?.warnings ?? []) warn(w);
  const color = flags.color !== false && !!process.stdout.isTTY && !process.env.NO_COLOR;
  return {
    config,
    configFile,
    rules,
    ruleDefs,
    failOn,
    failOnNhi: nhiGate,
    enrich,
    emit: { format, output: flags.output, color, rules: sarifRuleInfo(ruleDefs) },
    showSecrets: !!flags.showSecrets,
    shard,
    progress,
    quiet,
    warn,
    verbose: flags.verbose && !quiet ? (msg) => say(`nhi-scan: ${msg}\n`) : undefined,
    workers,
    baseline,
    ignore,
  };
}

/** The pipeline settings every scanning command takes from the resolved flags and config. */
export function pipelineSettings(r: Resolved) {
  return {
    rules: r.rules,
    allowPaths: r.config.allow?.paths ?? [],
    allowFingerprints: new Set(r.config.allow?.fingerprints ?? []),
    showSecrets: r.showSecrets,
    enrich: r.enrich,
    onWarning: r.warn,
    onVerbose: r.verbose,
    onProgress: r.progress && ((c: ProgressCounts) => r.progress!.update(c)),
    shard: r.shard,
    workers: r.workers,
  };
}
