// Errors the CLI turns into exit code 2 with a one-line message (never exit 1: that means findings).
import { lstatSync } from "node:fs";

/** A bad flag, bad config or bad input the user must fix. */
export class UsageError extends Error {}

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

/** Throw a usage error for any path that does not exist: a mistyped target must not pass a gate as a clean scan. */
export function requireExisting(paths: readonly string[], what = ""): void {
  for (const p of paths) if (p !== "-" && isMissing(p)) throw new UsageError(`${what}${p}: no such file or directory`);
}

/** True when nothing exists at `path` (a dangling symlink exists; a path behind a locked directory is unreadable, not missing). */
function isMissing(path: string): boolean {
  try {
    lstatSync(path);
    return false;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === "ENOENT" || code === "ENOTDIR";
  }
}
