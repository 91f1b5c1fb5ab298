// `nhi-scan baseline create`: record the fingerprints of today's findings, so `--baseline` lets
// only new secrets fail a scan while the old ones are rotated.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Command } from "commander";
import { scanFilesystem } from "../pipeline/run-scan.js";
import { applyIgnore, BASELINE_FILE, BaselineError, buildBaseline, loadBaseline, renderBaseline } from "../report/baseline.js";
import { writeFileAtomic } from "../report/write-output.js";
import { pipelineSettings, resolveCommon, scanRoot, sizeFlag, type CommonFlags } from "./scan-options.js";
import { DEFAULT_MAX_FILE_SIZE } from "./scan-command.js";
import { runGitScan } from "./git-command.js";
import { EXIT_CLEAN, requireExisting, UsageError } from "./errors.js";

interface BaselineFlags extends CommonFlags {
  git?: boolean;
  ignore?: boolean;
  maxFileSize?: string;
}

/** Build the `baseline` command group. */
export function baselineCommand(setExit: (code: number) => void): Command {
  const group = new Command("baseline").description("record accepted findings so that only new secrets fail a scan");
  group
    .command("create")
    .description("scan PATH (the working tree, or with --git its whole history) and record every finding's fingerprint")
    .argument("[path]", "directory or repository to scan", ".")
    .option("--git", "record the findings of the repository's whole history (all refs) instead of the working tree")
    .option("-o, --output <file>", `baseline file to write (default: ${BASELINE_FILE} in PATH)`)
    .option("-c, --config <file>", "configuration file (default: .nhi-scan.yaml at the scan root)")
    .option("--rules-dir <dir...>", "extra rule directories (same schema as rules/)")
    .option("--disable-rule <id...>", "rule ids to turn off")
    .option("--no-ignore", "also scan files that .gitignore would skip (working-tree scans)")
    .option("--max-file-size <size>", "skip files or blobs larger than this (default 10MB)")
    .option("-q, --quiet", "no warnings on stderr")
    .option("-v, --verbose", "log skipped files and why on stderr")
    .action(async (path: string, flags: BaselineFlags) => {
      requireExisting([path]);
      const output = flags.output ?? join(scanRoot([path]), BASELINE_FILE);
      const r = resolveCommon({ ...flags, output: undefined, format: "json" }, [path]);
      let previous = null;
      try {
        if (existsSync(output)) previous = loadBaseline(output);
      } catch (e) {
        if (e instanceof BaselineError) throw new UsageError(`${e.message} (fix or delete it before creating a new baseline)`);
        throw e;
      }
      // A baseline records fingerprints only: never raw values, and always the whole scan (no shard).
      const common = {
        ...pipelineSettings(r),
        targets: [path],
        maxFileSize: sizeFlag(flags.maxFileSize, DEFAULT_MAX_FILE_SIZE, "--max-file-size"),
        showSecrets: false,
        shard: null,
      };
      const report = flags.git
        ? await runGitScan({ ...common, repo: path, mode: { kind: "history", refs: [] } })
        : await scanFilesystem({ ...common, gitignore: flags.ignore !== false, include: [], exclude: [] });
      if (r.ignore) applyIgnore(report, r.ignore);
      const doc = buildBaseline(report, previous, report.scan.finishedAt);
      await writeFileAtomic(output, renderBaseline(doc));
      if (!r.quiet) {
        const kept = previous ? doc.findings.filter((e) => previous!.entries.has(e.fingerprint)).length : 0;
        process.stderr.write(
          `nhi-scan: baseline: recorded ${doc.findings.length} secret(s) from ${report.findings.length} finding(s) in ${output}` +
            (previous ? ` (${kept} were already recorded; their comments are kept)` : "") +
            "\n",
        );
      }
      setExit(EXIT_CLEAN);
    });
  for (const c of group.commands) c.exitOverride();
  return group.exitOverride();
}
