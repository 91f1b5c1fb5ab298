import { describe, expect, it } from "vitest";
import { decodeJsonString, walkJsonStrings } from "../../src/extract/json-strings.js";
import { extract } from "../../src/extract/index.js";
import { githubToken } from "../helpers/tokens.js";
import { CLAUDE_END, CLAUDE_START, CODEX_END, CODEX_START, claudeTranscript, codexRollout, lineColOf } from "../helpers/artifacts.js";
import { scanArtifact } from "../helpers/scan.js";

describe("JSON string decoding with raw offsets", () => {
  it("decodes escapes and maps every decoded offset back into the escaped span", () => {
    const raw = String.raw`"a\nb\"c\u002Fd\\e"`;
    const d = decodeJsonString(raw, 1, raw.length - 1, false);
    expect(d.text).toBe('a\nb"c/d\\e');
    expect(d.map(0)).toBe(1);
    expect(d.map(2)).toBe(4); // "b" comes after the two-character \n
    expect(d.map(5)).toBe(8); // the "/" decoded from \u002F starts at its backslash
    expect(d.map(6)).toBe(14); // "d" comes after the six-character escape
    expect(d.map(d.text.length)).toBe(raw.length - 1);
  });

  it("decodes UTF-8 bytes read as latin1 and maps code points to their first byte", () => {
    const bytes = Buffer.from('"é🙂x"');
    const src = bytes.toString("latin1");
    const d = decodeJsonString(src, 1, src.length - 1, true);
    expect(d.text).toBe("é🙂x");
    expect(d.map(1)).toBe(3); // 🙂 starts after the 2-byte é
    expect(d.map(3)).toBe(7); // x after the 4-byte emoji (2 UTF-16 units)
  });

  it("walks string values with their JSON paths and the flag before an argument", () => {
    const src = JSON.stringify({ a: { "b/c": ["--dsn", "postgres://x"] }, n: 1, s: "value" });
    const seen: string[] = [];
    walkJsonStrings(src, 0, src.length, false, (l) => seen.push(`${JSON.stringify(l.path)}${l.prevFlag ? ` after ${l.prevFlag}` : ""}`));
    expect(seen).toEqual(['["a","b/c",0]', '["a","b/c",1] after --dsn', '["s"]']);
  });
});

describe("Claude Code transcripts", () => {
  it("finds a token inside an escaped tool result, on the raw line, with its pointer and the session window", async () => {
    const token = githubToken();
    const text = claudeTranscript(token);
    const r = await scanArtifact("home/.claude/projects/-home-dev-app/5b1c.jsonl", text);
    const hits = r.matches.filter((m) => m.secret === token);
    expect(hits.map((m) => m.pointer).sort()).toEqual(["/message/content/0/content", "/toolUseResult/file/content"]);
    const inResult = hits.find((m) => m.pointer === "/message/content/0/content")!;
    const want = lineColOf(text, token);
    expect(inResult.startPos).toEqual(want);
    expect(inResult.artifact).toBe("claude-code-transcript");
    expect(inResult.taskWindow).toEqual({ start: CLAUDE_START, end: CLAUDE_END });
    expect(r.warnings).toEqual([]);
  });

  it("is recognised by content outside ~/.claude", () => {
    const ex = extract({ origin: { kind: "file", target: ".", path: "export/session.jsonl" }, bytes: Buffer.from(claudeTranscript(githubToken())) });
    expect(ex.artifact).toBe("claude-code-transcript");
  });

  it("turns a bad line into a warning and still scans it and the lines after it", async () => {
    const t1 = githubToken();
    const t2 = githubToken();
    const text = `${claudeTranscript(t1).trimEnd()}\n{"type":"user", broken ${t2}\n${claudeTranscript(githubToken())}`;
    const r = await scanArtifact("p/.claude/projects/x/s.jsonl", text);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/^line 5: not valid JSON/);
    const bad = r.matches.find((m) => m.secret === t2)!;
    expect(bad.startPos.line).toBe(5);
    expect(bad.pointer).toBeUndefined();
    expect(r.matches.filter((m) => m.secret === t1).length).toBe(2);
  });
});

describe("Codex CLI rollouts", () => {
  it("opens JSON inside a JSON string (function_call_output) and reports the raw line", async () => {
    const token = githubToken("gho");
    const text = codexRollout(token);
    const r = await scanArtifact("home/.codex/sessions/2026/03/02/rollout-2026-03-02T14-00-00-0199-abcd.jsonl", text);
    const m = r.matches.find((x) => x.secret === token)!;
    expect(m).toBeDefined();
    expect(m.pointer).toBe("/payload/output#/output");
    expect(m.startPos).toEqual(lineColOf(text, token));
    expect(m.artifact).toBe("codex-rollout");
    expect(m.taskWindow).toEqual({ start: CODEX_START, end: "2026-03-02T14:05:00.000Z" });
    expect(CODEX_END).toBe("2026-03-02T14:05:00.000Z");
  });

  it("scans auth.json with pointers to each token", async () => {
    const key = githubToken();
    const text = JSON.stringify({ OPENAI_API_KEY: null, tokens: { id_token: "x", access_token: key, refresh_token: "r", account_id: "a" }, last_refresh: "2026-03-01T00:00:00Z" }, null, 2);
    const r = await scanArtifact("home/.codex/auth.json", text);
    const m = r.matches.find((x) => x.secret === key)!;
    expect(m.pointer).toBe("/tokens/access_token");
    expect(m.artifact).toBe("codex-auth");
    expect(m.startPos.line).toBe(5);
  });
});
