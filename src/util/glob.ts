// Path globs as users write them in flags and config: dotfiles match, and a pattern without a
// slash matches the file name anywhere ("*.env" is "**/*.env").
import picomatch from "picomatch";

/** Compile globs into one predicate over forward-slash relative paths. */
export function globMatcher(globs: readonly string[]): (path: string) => boolean {
  if (!globs.length) return () => false;
  // picomatch's `basename` option applies to every pattern in the list, so "**/locales/**" would be
  // matched against the file name alone and never hit; compile the two kinds separately.
  const bare = globs.filter((g) => !g.includes("/"));
  const nested = globs.filter((g) => g.includes("/"));
  const byName = bare.length ? picomatch(bare, { dot: true, basename: true }) : () => false;
  const byPath = nested.length ? picomatch(nested, { dot: true }) : () => false;
  return (path) => byName(path) || byPath(path);
}
