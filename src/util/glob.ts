// Path globs as users write them in flags and config: dotfiles match, and a pattern without a
// slash matches the file name anywhere ("*.env" is "**/*.env").
import picomatch from "picomatch";

/** Compile globs into one predicate over forward-slash relative paths. */
export function globMatcher(globs: readonly string[]): (path: string) => boolean {
  if (!globs.length) return () => false;
  return picomatch([...globs], { dot: true, basename: true });
}
