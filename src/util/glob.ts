// Path globs as users write them in flags and config: dotfiles match, and a pattern without a
// slash matches the file name anywhere ("*.env" is "**/*.env").
import picomatch from "picomatch";

/** Compile globs into one predicate over forward-slash relative paths. */
export function globMatcher(globs: readonly string[]): (path: string) => boolean {
  if (!globs.length) return () => false;
  // picomatch's `basename` option also applies to patterns with a slash (and then never matches
  // them), so the two kinds are compiled apart.
  const names = globs.filter((g) => !g.includes("/"));
  const paths = globs.filter((g) => g.includes("/"));
  const byName = names.length ? picomatch(names, { dot: true, basename: true }) : () => false;
  const byPath = paths.length ? picomatch(paths, { dot: true }) : () => false;
  return (path) => byName(path) || byPath(path);
}
