// The worker pool must behave exactly like the in-process scanner: same matches, same handling of
// unreadable, binary and missing files, blobs given as bytes, and chunks of big inputs.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { RuleSet } from "../../src/engine/compile.js";
import { loadRules } from "../../src/engine/rule-loader.js";
import { createBlobScanner, type PoolScanner } from "../../src/pipeline/blob-scanner.js";
import { planChunks } from "../../src/pipeline/stream-chunks.js";
import type { Origin } from "../../src/model.js";
import { githubToken } from "../helpers/tokens.js";
import { tempDir } from "../helpers/cli.js";

const rules = new RuleSet(loadRules());
const tmp = tempDir();
afterAll(() => tmp.cleanup());

const files: Record<string, string | Buffer> = {
  "a.env": `GITHUB_TOKEN=${githubToken()}\n`,
  "b.txt": "nothing here\n",
  "bin.dat": Buffer.concat([Buffer.from("GITHUB_TOKEN="), Buffer.from(githubToken()), Buffer.from([0, 1, 2])]),
  "utf16.txt": Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`x=${githubToken()}\n`, "utf16le")]),
};
for (const [name, data] of Object.entries(files)) writeFileSync(join(tmp.dir, name), data);
mkdirSync(join(tmp.dir, "adir"));

const origin = (path: string): Origin => ({ kind: "file", target: tmp.dir, path, absPath: join(tmp.dir, path) });
const strip = (x: unknown) => JSON.parse(JSON.stringify(x));

const blobBytes = Buffer.from(`t ${githubToken("ghs")}\n`);
const big = `${"filler line\n".repeat(2000)}K=${githubToken()}\n`;

async function runAll(s: PoolScanner) {
  const paths = [...Object.keys(files), "missing.txt", "adir"];
  const fileOutcomes = await Promise.all(paths.map((p) => s.scanFile(origin(p), 100)));
  const blob = await s.scan({ origin: { kind: "git", target: ".", path: "x.txt", blobId: "abc" }, bytes: blobBytes });
  const bigPath = join(tmp.dir, "big.log");
  writeFileSync(bigPath, big);
  const plan = planChunks(Buffer.byteLength(big))[0];
  const chunk = await s.scanChunk("big.log", plan, { absPath: bigPath });
  const chunkBytes = await s.scanChunk("stdin", plan, { bytes: Buffer.from(big) });
  await s.close();
  return { fileOutcomes: strip(fileOutcomes), blobSecrets: blob.matches.length, chunk: strip(chunk), chunkBytes: strip(chunkBytes) };
}

describe("worker pool", () => {
  it("gives the in-process results for files, blobs and chunks", async () => {
    const here = await runAll(createBlobScanner(rules, { workers: 0 }));
    const pool = await runAll(createBlobScanner(rules, { workers: 2, minPoolBytes: 0, minPoolJobs: 0 }));
    expect(pool).toEqual(here);
    const [env, , bin, utf16, missing, dir] = here.fileOutcomes;
    expect(env.ok && env.result.matches).toHaveLength(1);
    expect(bin).toMatchObject({ ok: true, result: { skipped: "binary", matches: [] } });
    expect(utf16.ok && utf16.result.matches).toHaveLength(1);
    expect(missing).toEqual({ ok: false, error: "cannot read: ENOENT" });
    expect(dir).toEqual({ ok: false, error: "cannot read: EISDIR" });
    expect(here.blobSecrets).toBe(1);
    expect(here.chunk.matches).toHaveLength(1);
    expect(here.chunk.newlines).toBe(2001);
  });

  it("keeps small scans on the calling thread until the thresholds", async () => {
    const s = createBlobScanner(rules, { workers: 2 });
    const r = await s.scanFile(origin("a.env"), 10);
    expect(r.ok).toBe(true);
    // No worker was started, so closing is immediate and the process can exit.
    await s.close();
  });
});
