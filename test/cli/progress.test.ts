// Progress: a self-overwriting stderr line for long scans on a TTY; nothing in pipes or with --quiet.
import { afterEach, describe, expect, it, vi } from "vitest";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Progress } from "../../src/cli/progress.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { githubToken } from "../helpers/tokens.js";

function sink() {
  const chunks: string[] = [];
  return { out: { write: (s: string) => (chunks.push(s), true) } as unknown as NodeJS.WriteStream, chunks };
}

afterEach(() => vi.useRealTimers());

describe("Progress", () => {
  it("stays silent during the first second, then draws files, throughput and findings", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-11-21T10:00:00Z"));
    const { out, chunks } = sink();
    const p = new Progress(out);
    p.update({ files: 10, blobs: 10, bytes: 1000, findings: 0 });
    expect(chunks).toEqual([]);
    vi.setSystemTime(new Date("2026-11-21T10:00:02Z"));
    p.update({ files: 200, blobs: 200, bytes: 4 * 1024 * 1024, findings: 3 });
    expect(chunks.join("")).toContain("200 files, 4.0 MB (2.0 MB/s), 3 findings so far");
    p.update({ files: 201, blobs: 201, bytes: 4 * 1024 * 1024, findings: 3 });
    expect(chunks).toHaveLength(1); // throttled
    p.clear();
    expect(chunks.at(-1)).toBe("\r\x1b[2K");
  });

  it("reports blobs for history scans", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-11-21T10:00:00Z"));
    const { out, chunks } = sink();
    const p = new Progress(out);
    vi.setSystemTime(new Date("2026-11-21T10:00:05Z"));
    p.update({ files: 0, blobs: 5000, bytes: 10, findings: 1 });
    expect(chunks.join("")).toContain("5000 blobs");
  });

  it("draws nothing when stderr is not a TTY", () => {
    const { dir, cleanup } = tempDir();
    writeFileSync(join(dir, "a.env"), `T=${githubToken()}\n`);
    const r = runCli(["scan", dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toContain("\r");
    expect(r.stderr).not.toContain("so far");
    cleanup();
  });
});
