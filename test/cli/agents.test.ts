// End to end: `nhi-scan agents --home DIR [PROJECT]` sweeps the default agent locations of a fake
// home directory (Linux layout) and agent files in a project, ignoring .gitignore.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Report } from "../../src/model.js";
import { agentHomeLocations } from "../../src/sources/agents.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { githubToken } from "../helpers/tokens.js";
import { claudeTranscript, codexRollout, langgraphDb, notebook, sqlJs } from "../helpers/artifacts.js";

const T = {
  claude: githubToken(),
  codex: githubToken(),
  auth: githubToken(),
  desktop: githubToken(),
  cursorMcp: githubToken(),
  cursorDb: githubToken(),
  crew: githubToken(),
  aider: githubToken(),
  nb: githubToken(),
  lg: githubToken(),
  lgWrite: githubToken("ghu"),
  nbTb: githubToken("gho"),
};
const NOT_AGENT = { nodeModules: githubToken(), source: githubToken() };

let dir: string;
let cleanup: () => void;
let report: Report;
let stderr: string;

function put(rel: string, data: string | Buffer): void {
  const p = join(dir, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, data);
}

beforeAll(async () => {
  ({ dir, cleanup } = tempDir("nhi-agents-"));
  const SQL = await sqlJs();
  put("home/.claude/projects/-work-app/s1.jsonl", claudeTranscript(T.claude));
  put("home/.codex/sessions/2026/03/02/rollout-2026-03-02T14-00-00-0199.jsonl", codexRollout(T.codex));
  put("home/.codex/auth.json", JSON.stringify({ OPENAI_API_KEY: null, tokens: { access_token: T.auth } }, null, 2));
  put("home/.config/Claude/claude_desktop_config.json", JSON.stringify({ mcpServers: { gh: { command: "x", env: { GITHUB_TOKEN: T.desktop } } } }, null, 2));
  put("home/.cursor/mcp.json", JSON.stringify({ mcpServers: { gh: { url: "https://x.test", headers: { Authorization: `token ${T.cursorMcp}` } } } }));
  const cursor = new SQL.Database();
  cursor.run("CREATE TABLE ItemTable (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB)");
  cursor.run("INSERT INTO ItemTable VALUES ('aiService.prompts', ?)", [JSON.stringify([{ text: `push with ${T.cursorDb}` }])]);
  put("home/.config/Cursor/User/globalStorage/state.vscdb", Buffer.from(cursor.export()));
  const crew = new SQL.Database();
  crew.run("CREATE TABLE long_term_memories (id INTEGER PRIMARY KEY AUTOINCREMENT, task_description TEXT, metadata TEXT, datetime TEXT, score REAL)");
  crew.run("INSERT INTO long_term_memories (task_description, metadata, datetime, score) VALUES ('deploy', ?, '1772956800.5', 0.9)", [JSON.stringify({ suggestions: [`use ${T.crew}`] })]);
  put("home/.local/share/myproj/long_term_memory_storage.db", Buffer.from(crew.export()));
  // A project: Aider files and a notebook are gitignored, and must be scanned anyway.
  put("proj/.gitignore", ".aider*\n*.ipynb\n*.sqlite\n");
  put("proj/.aider.chat.history.md", `# aider chat started at 2026-03-09 10:00:00\n\n> GITHUB_TOKEN=${T.aider}\n`);
  put("proj/notebooks/run.ipynb", notebook(T.nb, T.nbTb));
  put("proj/graph/checkpoints.sqlite", await langgraphDb(T.lg, T.lgWrite));
  put("proj/node_modules/pkg/.mcp.json", JSON.stringify({ mcpServers: { x: { env: { T: NOT_AGENT.nodeModules } } } }));
  put("proj/src/app.py", `TOKEN = "${NOT_AGENT.source}"\n`);
  const r = runCli(["agents", join(dir, "proj"), "--home", join(dir, "home"), "--format", "json", "--show-secrets", "--now", "2026-04-01T00:00:00Z"]);
  stderr = r.stderr;
  expect(r.code, r.stderr).toBe(1);
  report = JSON.parse(r.stdout) as Report;
});

afterAll(() => cleanup());

describe("nhi-scan agents", () => {
  it("finds every planted token once, and nothing outside agent files", () => {
    const values = report.findings.map((f) => f.secret.value);
    for (const [name, t] of Object.entries(T)) expect(values, name).toContain(t);
    // The Claude transcript duplicates the tool result in toolUseResult; everything else is found once.
    const distinct = new Set(values);
    expect(distinct.size).toBe(Object.keys(T).length);
    for (const t of Object.values(NOT_AGENT)) expect(values).not.toContain(t);
  });

  it("reports artifact types and pointers per tool", () => {
    const by = (t: string) => report.findings.find((f) => f.secret.value === t)!;
    expect(by(T.codex).artifact).toBe("codex-rollout");
    expect(by(T.auth).location.pointer).toBe("/tokens/access_token");
    expect(by(T.desktop).artifact).toBe("mcp-config");
    expect(by(T.cursorMcp).location.pointer).toBe("/mcpServers/gh/headers/Authorization");
    expect(by(T.cursorDb).artifact).toBe("cursor-state");
    expect(by(T.cursorDb).location.pointer).toBe("ItemTable[1].value#/0/text");
    expect(by(T.crew).artifact).toBe("crewai-memory");
    expect(by(T.crew).taskWindow).toEqual({ start: "2026-03-08T08:00:00.500Z", end: "2026-03-08T08:00:00.500Z" });
    expect(by(T.aider).artifact).toBe("aider-chat-history");
    expect(by(T.nb).artifact).toBe("jupyter-notebook");
    expect(by(T.lg).artifact).toBe("langgraph-checkpoint");
  });

  it("says which tools it found, in the report and on stderr", () => {
    expect(report.scan.source).toBe("agents");
    const tools = Object.fromEntries((report.scan.agents ?? []).map((a) => [a.tool, a.findings]));
    expect(Object.keys(tools).sort()).toEqual(["Agent databases", "Aider", "Claude Code", "Claude Desktop", "Codex CLI", "CrewAI", "Cursor", "Jupyter"]);
    expect(tools["Codex CLI"]).toBe(2);
    expect(stderr).toMatch(/agent tools found:\n(?:.|\n)*Codex CLI: 2 location\(s\), 2 finding\(s\)/);
  });

  it("--no-home scans only the given paths; an empty home reports nothing found", () => {
    const r = runCli(["agents", "--no-home", join(dir, "proj"), "--format", "json"]);
    const rep = JSON.parse(r.stdout) as Report;
    expect(rep.scan.agents?.map((a) => a.tool).sort()).toEqual(["Agent databases", "Aider", "Jupyter"]);
    const { dir: empty, cleanup: c } = tempDir();
    const r2 = runCli(["agents", "--home", empty, "--format", "json"]);
    c();
    expect(r2.code).toBe(0);
    expect(r2.stderr).toMatch(/no agent artifacts found/);
  });

  it("knows the macOS and Windows layouts", () => {
    const mac = agentHomeLocations({ home: "/Users/u", platform: "darwin", env: {} }).map((c) => c.path);
    expect(mac).toContain("/Users/u/Library/Application Support/Claude/claude_desktop_config.json");
    expect(mac).toContain("/Users/u/Library/Application Support/Cursor/User/globalStorage/state.vscdb");
    const win = agentHomeLocations({ home: "C:/Users/u", platform: "win32", env: { APPDATA: "C:/Users/u/AppData/Roaming" } }).map((c) => c.path.replace(/\\/g, "/"));
    expect(win).toContain("C:/Users/u/AppData/Roaming/Claude/claude_desktop_config.json");
    expect(win).toContain("C:/Users/u/AppData/Roaming/Code/User/globalStorage/saoudrizwan.claude-dev");
    expect(win.some((p) => p.endsWith("AppData/Local/CrewAI"))).toBe(true);
  });
});
