// `nhi-scan scan [PATH...]`: scan working trees and files, or stdin with "-".
import { Command } from "commander";
import { scanFilesystem, scanStdinSource, type ScanSettings } from "../pipeline/run-scan.js";
import { addCommonOptions, pipelineSettings, resolveCommon, sizeFlag, type CommonFlags } from "./scan-options.js";
import { finishCommand } from "./finish.js";
import { requireExisting, UsageError } from "./errors.js";

interface ScanFlags extends CommonFlags {
  ignore?: boolean;
  include?: string[];
  exclude?: string[];
  maxFileSize?: string;
}

export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

/** Build the `scan` command; `setExit` receives the exit code. */
export function scanCommand(setExit: (code: number) => void): Command {
  const cmd = new Command("scan")
    .description("scan files and directories (or - for stdin) for credentials")
    .argument("[paths...]", "files or directories to scan; - reads stdin", ["."])
    .option("--no-ignore", "scan files that .gitignore would skip")
    .option("--include <glob...>", "only scan paths matching these globs")
    .option("--exclude <glob...>", "skip paths matching these globs")
    .option("--max-file-size <size>", "above this size, plain text is scanned in chunks and other files are skipped (default 10MB)");
  addCommonOptions(cmd);
  cmd.action(async (paths: string[], flags: ScanFlags) => {
    const targets = paths.length ? paths : ["."];
    if (targets.includes("-") && targets.length > 1) throw new UsageError('"-" (stdin) cannot be combined with other paths');
    requireExisting(targets);
    const r = resolveCommon(flags, targets);
    const settings: ScanSettings = {
      targets,
      ...pipelineSettings(r),
      gitignore: flags.ignore !== false,
      include: flags.include ?? [],
      exclude: flags.exclude ?? [],
      maxFileSize: sizeFlag(flags.maxFileSize, DEFAULT_MAX_FILE_SIZE, "--max-file-size"),
    };
    const report = targets[0] === "-" ? await scanStdinSource(settings) : await scanFilesystem(settings);
    setExit(await finishCommand(report, r));
  });
  return cmd;
}
