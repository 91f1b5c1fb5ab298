// Path globs as users write them in flags and config: dotfiles match, and a pattern without a
// slash matches the file name anywhere ("*.env" is "**/*.env").
import picomatch from "picomatch";

/** Compile globs into one predicate over forward-slash relative paths. */
export function globMatcher(globs: readonly string[]): (path: string) => boolean {
  if (!globs.length) return () => false;
  // picomatch's own `basename` option also rewrites patterns that contain slashes, so split here.
  const full = globs.filter((g) => g.includes("/"));
  const base = globs.filter((g) => !g.includes("/"));
  const matchFull = full.length ? picomatch(full, { dot: true }) : null;
  const matchBase = base.length ? picomatch(base, { dot: true }) : null;
  return (path) => {
    if (matchFull?.(path)) return true;
    if (!matchBase) return false;
    if (matchBase(path)) return true;
    const slash = path.lastIndexOf("/");
    return slash >= 0 && matchBase(path.slice(slash + 1));
  };
}
