// End to end through the built CLI: detection is identical on the main thread, with one worker and
// with several; files above --max-file-size are scanned in chunks when they are plain text; stdin
// bigger than a chunk finds a secret planted across the chunk edge once, on the right line.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli.js";
import { githubToken, randomString } from "../helpers/tokens.js";
import { CHUNK_SIZE } from "../../src/pipeline/stream-chunks.js";
import { GHA_END, GITLAB_END_EPOCH, githubActionsLog, gitlabLog } from "../helpers/artifacts.js";

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

  it("scans CI logs and timestamped logs above --max-file-size in chunks as what they are, with their task window", () => {
    const dir = join(t.dir, "logs");
    mkdirSync(dir);
    const [ghaToken, glToken, appToken] = [githubToken(), githubToken(), githubToken()];
    // Padding inside the job keeps the first and last stamped lines where the extractor finds them.
    const pad = (log: string, at: string, line: string) => log.replace(at, `${line.repeat(400)}${at}`);
    const gha = pad(githubActionsLog(ghaToken), "2026-03-05T12:01:06", "2026-03-05T12:01:05.5000000Z \x1b[32mprogress\x1b[0m ok\n");
    const gitlab = pad(gitlabLog(glToken), "section_end:", "\x1b[32;1mbuilding\x1b[0;m layer ok\n");
    const app = `2026-03-07T08:00:00Z start\n${"2026-03-07T08:00:01Z INFO tick\n".repeat(300)}2026-03-07T08:00:02Z DEBUG GH_TOKEN=${appToken}\n2026-03-07T08:30:00Z stop\n`;
    writeFileSync(join(dir, "build.log"), gha);
    writeFileSync(join(dir, "job.log"), gitlab);
    writeFileSync(join(dir, "app.log"), app);
    const now = ["--now", "2026-03-08T00:00:00Z"];
    const whole = scanJson([dir, ...now]);
    const chunked = scanJson([dir, ...now, "--max-file-size", "4KB"]);
    expect(chunked.scan.stats).toMatchObject({ files: 3, skipped: { tooLarge: 0 } });
    const view = (r: JsonReport) =>
      r.findings
        .map((f) => ({ path: f.location.path, line: f.location.line, column: f.location.column, artifact: f.artifact, taskEnd: f.taskWindow?.end ?? null, nhi: f.nhi.map((n) => n.id) }))
        .sort((a, b) => a.path.localeCompare(b.path));
    expect(view(chunked)).toEqual(view(whole));
    expect(view(chunked).map((f) => [f.path, f.artifact])).toEqual([
      ["app.log", "plain"],
      ["build.log", "github-actions-log"],
      ["job.log", "gitlab-ci-log"],
    ]);
    const ends = Object.fromEntries(chunked.findings.map((f) => [f.location.path, f.taskWindow?.end]));
    expect(ends).toEqual({
      "app.log": "2026-03-07T08:30:00.000Z",
      "build.log": new Date(GHA_END.replace(/(\.\d{3})\d+Z$/, "$1Z")).toISOString(),
      "job.log": new Date(GITLAB_END_EPOCH * 1000).toISOString(),
    });
    // The same log piped in: streamed too, with the window read from the last chunk.
    for (const [text, artifact] of [[gha, "github-actions-log"], [app, "plain"]]) {
      const piped = scanJson(["-", ...now, "--max-file-size", "4KB"], text);
      const file = chunked.findings.find((f) => f.artifact === artifact)!;
      expect(piped.findings.map((f) => [f.artifact, f.location.line, f.location.column, f.taskWindow])).toEqual([[artifact, file.location.line, file.location.column, file.taskWindow]]);
    }
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
