// Locates a system Chromium for browser tests (Debian's chromium package); null when there is none.
import { existsSync } from "node:fs";

/** Path of a Chromium binary, from CHROMIUM_PATH or the usual Debian locations. */
export function findChromium(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
  for (const c of candidates) if (c && existsSync(c)) return c;
  return null;
}
