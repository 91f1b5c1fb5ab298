// `nhi-scan report FILE.json...`: merge JSON results (repositories, shards, days) and render them.
import { Command } from "commander";
import { MergeInputError, mergeReports, readReportFile } from "../report/merge.js";
import { loadRules, RuleLoadError } from "../engine/rule-loader.js";
import { parseInstant } from "../util/units.js";
import { VERSION } from "../version.js";
import { emitReport, resolveFormat, sarifRuleInfo } from "./emit.js";
import { EXIT_CLEAN, EXIT_FINDINGS, UsageError } from "./errors.js";
import { gatingFindings } from "../report/severity.js";
import { SEVERITIES, type Severity } from "../model.js";
import { classifyMerged, ClassifyLoadError } from "../enrich/index.js";

interface ReportFlags {
  format?: string;
  output?: string;
  now?: string;
  showSecrets?: boolean;
  failOn?: string;
  rulesDir?: string[];
}

/** Build the `report` command. */
export function reportCommand(setExit: (code: number) => void): Command {
  return new Command("report")
    .description("merge JSON results from several scans and render html, markdown, sarif, json or text")
    .argument("<files...>", "JSON results written by nhi-scan --format json")
    .option("-f, --format <format>", "html | markdown | sarif | json | text (default: from --output extension, else text)")
    .option("-o, --output <file>", "write the report to a file (atomically, mode 0600)")
    .option("--now <iso>", "judge lifetimes against this clock (default: the latest input's scan time)")
    .option("--show-secrets", "keep raw values that inputs carried (JSON/SARIF only; HTML and markdown never show them)")
    .option("--fail-on <severity>", "exit 1 when a merged finding is at or above this severity (default: never)")
    .option("--rules-dir <dir...>", "extra rule directories (for names and remediation text)")
    .action(async (files: string[], flags: ReportFlags) => {
      const format = resolveFormat(flags.format, flags.output);
      let now: Date | undefined;
      if (flags.now) {
        const d = parseInstant(flags.now);
        if (!d) throw new UsageError(`invalid --now "${flags.now}"`);
        now = d;
      }
      if (flags.failOn && !(SEVERITIES as readonly string[]).includes(flags.failOn)) {
        throw new UsageError(`invalid --fail-on "${flags.failOn}" (expected ${SEVERITIES.join(", ")})`);
      }
      let inputs;
      try {
        inputs = await Promise.all(files.map(readReportFile));
      } catch (e) {
        if (e instanceof MergeInputError) throw new UsageError(e.message);
        throw e;
      }
      const merged = mergeReports(inputs, { keepValues: !!flags.showSecrets, version: VERSION, now });
      let defs;
      try {
        defs = loadRules({ dirs: flags.rulesDir ?? [] });
      } catch (e) {
        if (e instanceof RuleLoadError) throw new UsageError(e.message);
        throw e;
      }
      const byId = new Map(defs.map((d) => [d.id, d]));
      try {
        classifyMerged(merged.findings, { now: new Date(merged.scan.now), taskEnd: null }, (id) => byId.get(id));
      } catch (e) {
        if (e instanceof ClassifyLoadError) throw new UsageError(e.message);
        throw e;
      }
      const rules = sarifRuleInfo(defs);
      await emitReport(merged, { format, output: flags.output, color: !!process.stdout.isTTY && !process.env.NO_COLOR, rules });
      const gate = flags.failOn ? gatingFindings(merged.findings, flags.failOn as Severity) : [];
      setExit(gate.length ? EXIT_FINDINGS : EXIT_CLEAN);
    });
}
