// Walks a working tree and yields the files to scan: dotfiles included, `.git/` skipped,
// `.gitignore` files honoured at every level (unless --no-ignore), symlinks never followed.
// A hand-rolled walk (not a glob library) so that ignored directories are pruned while walking and
// every unreadable path is reported by name. Directory reads and stats are synchronous: on the
// main thread they cost microseconds each, where awaiting the libuv pool per file costs a round trip.
import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import ignore, { type Ignore } from "ignore";
import { globMatcher } from "../util/glob.js";

export interface WalkOptions {
  /** Honour .gitignore files (default true). */
  gitignore: boolean;
  /** Only files matching one of these globs (relative to the target) are scanned. */
  include: string[];
  /** Files matching these globs are not scanned. */
  exclude: string[];
}

/** A file found by the walk. */
export interface WalkedFile {
  absPath: string;
  /** Relative to the target, forward slashes. */
  path: string;
  size: number;
}

export interface WalkProblem {
  path: string;
  message: string;
}

interface IgnoreScope {
  /** Directory of the .gitignore, relative to the target, "" for the root. */
  base: string;
  ig: Ignore;
}

const toPosix = (p: string) => (sep === "/" ? p : p.split(sep).join("/"));

async function readIgnoreFile(file: string): Promise<string | null> {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

function isIgnored(scopes: IgnoreScope[], relPath: string, dir: boolean): boolean {
  for (const s of scopes) {
    const sub = s.base ? relPath.slice(s.base.length + 1) : relPath;
    if (!sub) continue;
    if (s.ig.ignores(dir ? `${sub}/` : sub)) return true;
  }
  return false;
}

/**
 * Walk a target (file or directory). Yields files in a stable (sorted) order; calls `onProblem` for
 * every path that cannot be read and `onSkip` for symlinks and ignored paths.
 */
export async function* walkTarget(
  target: string,
  opts: WalkOptions,
  onProblem: (p: WalkProblem) => void,
  onSkip: (path: string, why: "symlink" | "ignored") => void = () => {},
): AsyncGenerator<WalkedFile> {
  const root = resolve(target);
  let st;
  try {
    st = lstatSync(root);
  } catch (e) {
    onProblem({ path: target, message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
    return;
  }
  if (st.isFile()) {
    // A file named on the command line is scanned even if a .gitignore would skip it.
    const path = toPosix(relative(process.cwd(), root)) || target;
    yield { absPath: root, path, size: st.size };
    // A SQLite database named alone brings its write-ahead log: rows not yet checkpointed live only there.
    let wal: ReturnType<typeof lstatSync> | null = null;
    try {
      wal = lstatSync(`${root}-wal`);
    } catch {
      // no write-ahead log
    }
    if (wal?.isFile()) yield { absPath: `${root}-wal`, path: `${path}-wal`, size: wal.size };
    return;
  }
  if (st.isSymbolicLink()) {
    onSkip(target, "symlink");
    return;
  }
  const include = opts.include.length ? globMatcher(opts.include) : null;
  const exclude = opts.exclude.length ? globMatcher(opts.exclude) : null;

  const rootScopes: IgnoreScope[] = [];
  if (opts.gitignore) {
    const info = await readIgnoreFile(join(root, ".git", "info", "exclude"));
    if (info) rootScopes.push({ base: "", ig: ignore().add(info) });
  }

  async function* walkDir(dirAbs: string, dirRel: string, scopes: IgnoreScope[]): AsyncGenerator<WalkedFile> {
    let entries;
    try {
      entries = readdirSync(dirAbs, { withFileTypes: true });
    } catch (e) {
      onProblem({ path: dirRel || ".", message: `cannot read directory: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      return;
    }
    let here = scopes;
    if (opts.gitignore && entries.some((d) => d.name === ".gitignore" && d.isFile())) {
      const txt = await readIgnoreFile(join(dirAbs, ".gitignore"));
      if (txt) here = [...scopes, { base: dirRel, ig: ignore().add(txt) }];
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const d of entries) {
      const rel = dirRel ? `${dirRel}/${d.name}` : d.name;
      const abs = join(dirAbs, d.name);
      if (d.isSymbolicLink()) {
        onSkip(rel, "symlink");
        continue;
      }
      if (d.isDirectory()) {
        if (d.name === ".git") continue;
        if (opts.gitignore && isIgnored(here, rel, true)) {
          onSkip(rel, "ignored");
          continue;
        }
        if (exclude && exclude(rel)) continue;
        yield* walkDir(abs, rel, here);
      } else if (d.isFile()) {
        if (opts.gitignore && isIgnored(here, rel, false)) {
          onSkip(rel, "ignored");
          continue;
        }
        if (exclude && exclude(rel)) continue;
        if (include && !include(rel)) continue;
        let size = 0;
        try {
          size = lstatSync(abs).size;
        } catch (e) {
          onProblem({ path: rel, message: `cannot stat: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
          continue;
        }
        yield { absPath: abs, path: rel, size };
      }
      // Sockets, FIFOs and devices are never read: a FIFO would block the scan.
    }
  }
  yield* walkDir(root, "", rootScopes);
}
