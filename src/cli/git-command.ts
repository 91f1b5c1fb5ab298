// `nhi-scan git [REPO]`: scan a repository's history (every ref by default), a commit range (the
// merge gate) or the staged changes (the pre-commit hook).
import { Command } from "commander";
import { scanGit, GitUsageError, type GitScanMode, type GitScanSettings } from "../pipeline/run-git-scan.js";
import { NotARepositoryError } from "../sources/git/repo.js";
import { BadRevisionError } from "../sources/git/refs.js";
import { GitError, GitMissingError } from "../sources/git/git-process.js";
import { parseDuration, parseInstant } from "../util/units.js";
import { addCommonOptions, pipelineSettings, resolveCommon, sizeFlag, type CommonFlags } from "./scan-options.js";
import { DEFAULT_MAX_FILE_SIZE } from "./scan-command.js";
import { finishCommand } from "./finish.js";
import { UsageError } from "./errors.js";
import type { Report } from "../model.js";

export interface GitFlags extends CommonFlags {
  branch?: string[];
  since?: string;
  maxCount?: string;
  range?: string;
  staged?: boolean;
  maxFileSize?: string;
  renames?: boolean;
}

const collect = (v: string, prev: string[]) => [...prev, v];

/** Turn the git flags into a scan mode; conflicting flags are usage errors. */
export function gitMode(flags: GitFlags, now: Date): GitScanMode {
  const branch = flags.branch ?? [];
  if (flags.staged && (flags.range || branch.length || flags.since || flags.maxCount)) {
    throw new UsageError("--staged scans the index only; it cannot be combined with --range, --branch, --since or --max-count");
  }
  if (flags.staged) return { kind: "staged" };
  if (flags.range && (branch.length || flags.since || flags.maxCount)) {
    throw new UsageError("--range already names the commits; it cannot be combined with --branch, --since or --max-count");
  }
  if (flags.range) return { kind: "range", range: flags.range };
  let since: string | undefined;
  if (flags.since) {
    const at = parseInstant(flags.since);
    const ago = at ? null : parseDuration(flags.since);
    if (!at && ago === null) throw new UsageError(`invalid --since "${flags.since}" (expected a date such as 2025-01-31 or a duration such as 90d)`);
    since = (at ?? new Date(now.getTime() - ago! * 1000)).toISOString().replace(/\.\d{3}Z$/, "Z");
  }
  let maxCount: number | undefined;
  if (flags.maxCount !== undefined) {
    if (!/^\d+$/.test(flags.maxCount) || Number(flags.maxCount) < 1) throw new UsageError(`invalid --max-count "${flags.maxCount}" (expected a positive whole number)`);
    maxCount = Number(flags.maxCount);
  }
  return { kind: "history", refs: branch, since, maxCount };
}

/** Run a git scan, turning the errors a user can fix into usage errors (exit 2). */
export async function runGitScan(settings: GitScanSettings): Promise<Report> {
  try {
    return await scanGit(settings);
  } catch (e) {
    if (e instanceof NotARepositoryError || e instanceof BadRevisionError || e instanceof GitUsageError || e instanceof GitMissingError) {
      throw new UsageError(e.message);
    }
    // git itself failed (a corrupt repository, an object it cannot read): exit 2 with git's words.
    if (e instanceof GitError) throw new UsageError(`git ${e.args[0]} failed: ${e.message}`);
    throw e;
  }
}

/** Build the `git` command; `setExit` receives the exit code. */
export function gitCommand(setExit: (code: number) => void): Command {
  const cmd = new Command("git")
    .description("scan git history (every branch, tag, remote and stash by default), a commit range, or the staged changes")
    .argument("[repo]", "repository: a working tree or a bare repository", ".")
    .option("--branch <ref>", "only the history of this branch, tag or commit (repeatable)", collect, [])
    .option("--since <date>", "only commits after this date (2025-01-31, or a duration such as 90d)")
    .option("--max-count <n>", "only the newest N commits")
    .option("--range <base..head>", "only what the commits in BASE..HEAD introduce (the merge gate)")
    .option("--staged", "only what the index adds to HEAD (the pre-commit hook)")
    .option("--max-file-size <size>", "skip blobs larger than this (default 10MB)")
    .option("--no-renames", "do not follow renames when attributing secrets to commits");
  addCommonOptions(cmd);
  cmd.action(async (repo: string, flags: GitFlags) => {
    const r = resolveCommon(flags, [repo]);
    const settings: GitScanSettings = {
      repo,
      targets: [repo],
      ...pipelineSettings(r),
      mode: gitMode(flags, r.enrich.now),
      maxFileSize: sizeFlag(flags.maxFileSize, DEFAULT_MAX_FILE_SIZE, "--max-file-size"),
      renames: flags.renames !== false,
    };
    setExit(await finishCommand(await runGitScan(settings), r));
  });
  return cmd;
}
