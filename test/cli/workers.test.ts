// End to end through the built CLI: detection is identical on the main thread, with one worker and
// with several; files above --max-file-size are scanned in chunks when they are plain text; stdin
// bigger than a chunk finds a secret planted across the chunk edge once, on the right line.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli.js";
import { githubToken, randomString } from "../helpers/tokens.js";
import { CHUNK_SIZE } from "../../src/pipeline/stream-chunks.js";

interface JsonReport {
  findings: { ruleId: string; fingerprint: string; location: { path: string; line: number; column: number } }[];
  errors: { path: string; message: string }[];
  scan: { stats: Record<string, unknown> & { durationMs?: number } };
}

function scanJson(args: string[], input?: string | Buffer): JsonReport {
  const r = runCli(["scan", ...args, "-f", "json", "--now", "2026-01-01T00:00:00Z", "-q"], { input });
  expect([0, 1], r.stderr).toContain(r.code);
  return JSON.parse(r.stdout) as JsonReport;
}

/** What must not depend on the number of threads. */
function stable(rep: JsonReport) {
  const { durationMs: _d, ...stats } = rep.scan.stats;
  return { findings: rep.findings, errors: rep.errors, stats };
}

describe("worker threads", () => {
  const t = tempDir();
  let planted = 0;
  beforeAll(() => {
    // 1,300 files, more than the pool's start threshold, in nested folders.
    for (let i = 0; i < 1300; i++) {
      const dir = join(t.dir, `pkg${i % 13}`, `mod${i % 7}`);
      mkdirSync(dir, { recursive: true });
      const lines = Array.from({ length: 20 + (i % 50) }, (_, j) => `const v${j} = "${randomString(30)}"; // token handling ${j}`);
      if (i % 37 === 0) {
        lines.splice(i % 20, 0, `GITHUB_TOKEN=${githubToken()}`);
        planted++;
      }
      writeFileSync(join(dir, `f${i}.js`), lines.join("\n"));
    }
    writeFileSync(join(t.dir, "image.bin"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]));
    writeFileSync(join(t.dir, ".gitignore"), "ignored/\n");
    mkdirSync(join(t.dir, "ignored"));
    writeFileSync(join(t.dir, "ignored", "x.env"), `T=${githubToken()}`);
  });
  afterAll(() => t.cleanup());

  it("finds the same with 0, 1 and 3 workers", () => {
    const main = scanJson([t.dir, "--workers", "0"]);
    const one = scanJson([t.dir, "--workers", "1"]);
    const three = scanJson([t.dir, "--workers", "3"]);
    expect(main.findings).toHaveLength(planted);
    expect(main.scan.stats).toMatchObject({ files: 1302, skipped: { binary: 1 } });
    expect(stable(one)).toEqual(stable(main));
    expect(stable(three)).toEqual(stable(main));
  });

  it("rejects a bad --workers value", () => {
    const r = runCli(["scan", t.dir, "--workers", "many"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--workers/);
  });
});

describe("big inputs", () => {
  const t = tempDir();
  afterAll(() => t.cleanup());

  it("scans plain files above --max-file-size in chunks and skips binary and structured ones", () => {
    const token = githubToken();
    const lines = Array.from({ length: 3000 }, (_, i) => `2026-01-01T00:00:${String(i % 60).padStart(2, "0")}Z INFO request ${i} ok ✓`);
    lines[2345] = `2026-01-01T00:00:00Z DEBUG env GITHUB_TOKEN=${token}`;
    writeFileSync(join(t.dir, "app.log"), lines.join("\n"));
    writeFileSync(join(t.dir, "blob.bin"), Buffer.concat([Buffer.from([0, 1, 2]), Buffer.alloc(5000, 65)]));
    writeFileSync(join(t.dir, "wide.txt"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("x".repeat(3000), "utf16le")]));
    const rep = scanJson([t.dir, "--max-file-size", "2KB"]);
    expect(rep.findings.map((f) => [f.location.path, f.location.line, f.location.column])).toEqual([["app.log", 2346, lines[2345].indexOf(token) + 1]]);
    expect(rep.scan.stats).toMatchObject({ skipped: { binary: 1, tooLarge: 1 } });
    expect(rep.errors.map((e) => e.path)).toEqual(["wide.txt"]);
  });

  it("finds a secret across the first chunk edge of stdin exactly once, on the right line", () => {
    const token = githubToken();
    const line = "2026-01-01T00:00:00Z INFO worker-3 finished job in 12ms\n";
    const linesBefore = Math.floor((CHUNK_SIZE - 100) / line.length);
    let head = line.repeat(linesBefore);
    // The token straddles byte CHUNK_SIZE.
    head += `${"x".repeat(CHUNK_SIZE - head.length - 30)} GITHUB_TOKEN=`;
    const input = `${head}${token}\n${line.repeat(linesBefore)}last\n`;
    expect(head.length).toBeLessThan(CHUNK_SIZE);
    expect(head.length + token.length).toBeGreaterThan(CHUNK_SIZE);
    const rep = scanJson(["-", "--max-file-size", "1MB"], input);
    expect(rep.findings).toHaveLength(1);
    expect(rep.findings[0].location).toMatchObject({ path: "stdin", line: linesBefore + 1, column: head.length - head.lastIndexOf("\n") });
    expect(rep.scan.stats).toMatchObject({ bytes: input.length });
  });
});
