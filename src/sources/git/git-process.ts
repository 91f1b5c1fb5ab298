// Every git process nhi-scan starts goes through here: a scrubbed environment and `-c` overrides that
// neutralise whatever the scanned repository's own config could make git execute or write. The
// scanned repository is untrusted input; nothing here runs its hooks, filters, pagers, fsmonitor or
// ssh commands, fetches from the network, or takes a lock on its index.
import { spawn, type ChildProcess } from "node:child_process";
import { isAbsolute, resolve } from "node:path";

/** A git command failed; `message` is git's own first error line. */
export class GitError extends Error {
  constructor(
    message: string,
    readonly args: readonly string[],
    readonly exitCode: number | null,
  ) {
    super(message);
  }
}

/** git is not installed or not on PATH. */
export class GitMissingError extends Error {}

/**
 * Config that wins over the repository's (command-line `-c` has the highest precedence). Each line
 * closes a way the scanned repository's `.git/config` could run a program or write to disk while we
 * only read objects.
 */
export const SAFE_CONFIG: readonly string[] = [
  "core.fsmonitor=false", // a configured fsmonitor is a command git runs when it reads the index
  "core.untrackedCache=false",
  "core.sshCommand=false", // no transport should ever start; if one did, it fails
  "core.pager=cat",
  "core.hooksPath=/dev/null", // no hook can be found, whatever the repository sets
  "core.useReplaceRefs=false", // replace refs could make history lie about its contents
  "credential.helper=",
  "protocol.allow=never", // no fetch of any kind, including lazy fetches in partial clones
  "gc.auto=0",
  "maintenance.auto=false",
  "log.showSignature=false", // would run gpg.program
  "i18n.logOutputEncoding=UTF-8",
  "diff.external=",
  "core.quotePath=false",
];

/** Environment variables that would point git at another repository, index or helper program. */
const STRIPPED_ENV = [
  "GIT_DIR",
  "GIT_WORK_TREE",
  "GIT_COMMON_DIR",
  "GIT_INDEX_FILE",
  "GIT_OBJECT_DIRECTORY",
  "GIT_ALTERNATE_OBJECT_DIRECTORIES",
  "GIT_NAMESPACE",
  "GIT_PREFIX",
  "GIT_SHALLOW_FILE",
  "GIT_GRAFT_FILE",
  "GIT_REPLACE_REF_BASE",
  "GIT_EXTERNAL_DIFF",
  "GIT_DIFF_OPTS",
  "GIT_PAGER",
  "PAGER",
  "GIT_EDITOR",
  "GIT_SSH",
  "GIT_SSH_COMMAND",
  "GIT_ASKPASS",
  "SSH_ASKPASS",
  "GIT_PROXY_COMMAND",
  "GIT_EXEC_PATH",
];

export interface GitEnvOptions {
  /** Keep the caller's GIT_INDEX_FILE (a pre-commit hook scans the index git is about to commit). */
  keepIndexFile?: boolean;
}

/** The scrubbed environment for a git child process. */
export function gitEnv(opts: GitEnvOptions = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  const index = env.GIT_INDEX_FILE;
  for (const k of STRIPPED_ENV) delete env[k];
  if (opts.keepIndexFile && index) env.GIT_INDEX_FILE = isAbsolute(index) ? index : resolve(process.cwd(), index);
  env.GIT_TERMINAL_PROMPT = "0";
  env.GIT_OPTIONAL_LOCKS = "0"; // no opportunistic index refresh: never write to the scanned repository
  env.GIT_NO_REPLACE_OBJECTS = "1";
  env.GIT_NO_LAZY_FETCH = "1";
  env.GIT_PROTOCOL_FROM_USER = "0";
  env.GCM_INTERACTIVE = "never";
  env.LC_ALL = "C"; // git's messages in one language; object bytes are unaffected
  return env;
}

/** Where and how git runs: the repository directory plus environment options. */
export interface GitContext extends GitEnvOptions {
  cwd: string;
}

/** The full argument vector: safe overrides first, then the command. */
export function gitArgv(args: readonly string[]): string[] {
  const argv = ["--no-pager", "--no-replace-objects"];
  for (const c of SAFE_CONFIG) argv.push("-c", c);
  return [...argv, ...args];
}

/** Start a git process; stdio is piped. The caller owns its lifetime. */
export function spawnGit(ctx: GitContext, args: readonly string[], stdin: "pipe" | "ignore" = "ignore"): ChildProcess {
  return spawn("git", gitArgv(args), {
    cwd: ctx.cwd,
    env: gitEnv(ctx),
    stdio: [stdin, "pipe", "pipe"],
    windowsHide: true,
  });
}

/** First meaningful line of git's stderr, without a "fatal: " prefix. */
export function gitErrorLine(stderr: string): string {
  const lines = stderr
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  const pick = lines.find((l) => /^(fatal|error):/.test(l)) ?? lines[0] ?? "";
  return pick.replace(/^(fatal|error):\s*/, "");
}

export interface RunOptions {
  /** Bytes for stdin. */
  input?: string | Buffer;
  /** Exit codes that are not failures (default [0]). */
  okCodes?: number[];
}

/** Run a git command to completion and return its stdout; rejects with GitError on failure. */
export function runGit(ctx: GitContext, args: readonly string[], opts: RunOptions = {}): Promise<Buffer> {
  return new Promise((res, rej) => {
    const child = spawnGit(ctx, args, opts.input !== undefined ? "pipe" : "ignore");
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on("data", (b: Buffer) => out.push(b));
    child.stderr!.on("data", (b: Buffer) => err.push(b));
    child.on("error", (e: NodeJS.ErrnoException) => {
      rej(e.code === "ENOENT" ? new GitMissingError("git is not installed or not on PATH") : e);
    });
    child.on("close", (code) => {
      if ((opts.okCodes ?? [0]).includes(code ?? -1)) res(Buffer.concat(out));
      else {
        const msg = gitErrorLine(Buffer.concat(err).toString("utf8")) || `git ${args[0]} exited with code ${code}`;
        rej(new GitError(msg, args, code));
      }
    });
    if (opts.input !== undefined) {
      child.stdin!.on("error", () => {}); // git may exit before reading everything; the exit code tells
      child.stdin!.end(opts.input);
    }
  });
}

/** Run git and return stdout as trimmed UTF-8 text. */
export async function gitText(ctx: GitContext, args: readonly string[], opts: RunOptions = {}): Promise<string> {
  return (await runGit(ctx, args, opts)).toString("utf8").trim();
}
