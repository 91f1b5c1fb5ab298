// Path globs as users write them in flags and config: dotfiles match, and a pattern without a
// slash matches the file name anywhere ("*.env" is "**/*.env").
import picomatch from "picomatch";

/** Compile globs into one predicate over forward-slash relative paths. */
export function globMatcher(globs: readonly string[]): (path: string) => boolean {
  if (!globs.length) return () => false;
  // picomatch 4's `basename` option also applies to patterns with a slash and then never matches
  // them ("fixtures/**" would miss "fixtures/x.env"), so only slash-free patterns get it.
  const nested = globs.filter((g) => g.includes("/"));
  const names = globs.filter((g) => !g.includes("/"));
  const byPath = nested.length ? picomatch(nested, { dot: true }) : null;
  const byName = names.length ? picomatch(names, { dot: true, basename: true }) : null;
  return (path) => (byPath !== null && byPath(path)) || (byName !== null && byName(path));
}
