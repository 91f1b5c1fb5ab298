// Chunked scanning of big inputs: a secret planted across a chunk edge is found exactly once, at the
// right line and column, and the chunked result equals a scan of the whole input.
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { RuleSet } from "../../src/engine/compile.js";
import { loadRules } from "../../src/engine/rule-loader.js";
import { RuleSchema, type RuleDef } from "../../src/engine/rule-schema.js";
import { scanBlob } from "../../src/pipeline/scan-blob.js";
import { chunkStream, planChunks, scanChunk, StreamAssembler, utf16Units } from "../../src/pipeline/stream-chunks.js";
import type { Match } from "../../src/model.js";
import { githubToken, randomString } from "../helpers/tokens.js";

const pem = RuleSchema.parse({
  id: "test-pem",
  name: "test pem",
  description: "multi-line test key",
  keywords: ["-----BEGIN TEST KEY"],
  pattern: "-----BEGIN TEST KEY-----\\r?\\n([A-Za-z0-9+/=\\r\\n]{40,4000}?)\\r?\\n-----END TEST KEY-----",
  severity: "high",
  confidence: "high",
  examples: ["x"],
});
const rules = new RuleSet([...loadRules(), { ...pem, family: "test" } as RuleDef]);

/** Scan `text` through chunkStream + scanChunk + StreamAssembler with tiny chunks. */
async function chunked(text: string, chunkSize: number, overlap: number, perChunk: Match[][] = []): Promise<Match[]> {
  const source = Readable.from([Buffer.from(text, "utf8")], { objectMode: true });
  const asm = new StreamAssembler();
  const results = [];
  for await (const { plan, bytes } of chunkStream(source, [], chunkSize, overlap)) {
    const r = scanChunk(bytes, plan.ownFrom, plan.ownTo, "stdin", rules);
    perChunk.push([...r.matches]);
    results.push({ plan, r });
  }
  // Chunks may finish in any order (workers): feed them back to front.
  for (const { plan, r } of results.reverse()) asm.add(plan, r);
  return asm.finish(rules).matches;
}

function whole(text: string): Match[] {
  return scanBlob({ origin: { kind: "stdin", target: "-", path: "stdin" }, bytes: Buffer.from(text, "utf8") }, rules).matches;
}

const view = (ms: Match[]) => ms.map((m) => `${m.ruleId} ${m.start}-${m.end} ${m.startPos.line}:${m.startPos.column}-${m.endPos.line}:${m.endPos.column} ${m.secret}`);

describe("planChunks", () => {
  it("owns every byte once and overlaps by the given amount", () => {
    const plans = planChunks(1050, 100, 30);
    expect(plans).toHaveLength(11);
    let next = 0;
    for (const p of plans) {
      expect(p.offset + p.ownFrom).toBe(next);
      next = p.offset + p.ownTo;
      expect(p.ownFrom).toBe(p.index === 0 ? 0 : 30);
      expect(p.offset + p.length).toBe(Math.min(1050, p.offset + p.ownTo + 30));
    }
    expect(next).toBe(1050);
  });
});

describe("utf16Units", () => {
  it("counts UTF-16 units of UTF-8 bytes, at any cut", () => {
    const s = "aé✓😀b";
    const b = Buffer.from(s, "utf8");
    expect(utf16Units(b, 0, b.length)).toBe(s.length);
    expect(utf16Units(b, 0, 2) + utf16Units(b, 2, b.length)).toBe(s.length);
  });
});

describe("chunked stream", () => {
  it("finds a token planted across a chunk edge exactly once, with the right line", async () => {
    const token = githubToken();
    const chunk = 1000;
    const lines: string[] = [];
    while (Buffer.byteLength(lines.join("\n")) < chunk - 120) lines.push(`line ${lines.length + 1} ünïcödé ✓ ${randomString(20)}`);
    let prefix = `${lines.join("\n")}\n`;
    // Put the token's middle on the edge between the first and second chunk (byte `chunk`).
    const pad = chunk - Buffer.byteLength(prefix) - 20;
    prefix += `${"x".repeat(pad)} GITHUB_TOKEN=`;
    const text = `${prefix}${token}\n${"after the edge\n".repeat(40)}last line\n`;
    const start = Buffer.byteLength(prefix);
    expect(start).toBeLessThan(chunk);
    expect(start + token.length).toBeGreaterThan(chunk);

    const perChunk: Match[][] = [];
    const found = await chunked(text, chunk, 200, perChunk);
    // Only the chunk owning the token's first byte reports it (before any overlap resolution).
    expect(perChunk.map((ms) => ms.filter((m) => m.secret === token && m.ruleId === "github-pat-classic").length)).toEqual([1, 0]);
    const hits = found.filter((m) => m.secret === token);
    expect(hits).toHaveLength(1);
    expect(hits[0].startPos.line).toBe(lines.length + 1);
    expect(hits[0].startPos.column).toBe(prefix.split("\n").pop()!.length + 1);
    expect(hits[0].start).toBe(start);
    expect(view(found)).toEqual(view(whole(text)));
  });

  it("finds a multi-line key across an edge once, and equals a whole scan at every cut", async () => {
    const body = Array.from({ length: 12 }, () => randomString(64, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")).join("\n");
    const key = `-----BEGIN TEST KEY-----\n${body}\n-----END TEST KEY-----`;
    const filler = Array.from({ length: 40 }, (_, i) => `log ${i} 😀 ${randomString(30)}`).join("\n");
    const text = `${filler}\n${key}\n${filler}\ntoken ghp_${"A".repeat(4)} ${githubToken("gho")}\n${filler}\n`;
    const expected = view(whole(text));
    expect(expected.filter((v) => v.startsWith("test-pem"))).toHaveLength(1);
    for (const size of [300, 777, 1024, 4096]) {
      expect(view(await chunked(text, size, 1200)), `chunk ${size}`).toEqual(expected);
    }
  });

  it("handles an empty stream and CRLF lines", async () => {
    expect(await chunked("", 100, 10)).toEqual([]);
    const t = `a\r\nb\r\n${"z".repeat(150)}\r\nGH=${githubToken()}\r\n`;
    expect(view(await chunked(t, 64, 48))).toEqual(view(whole(t)));
  });
});
