import { describe, expect, it } from "vitest";
import { githubToken } from "../helpers/tokens.js";
import { lineColOf, notebook } from "../helpers/artifacts.js";
import { scanArtifact } from "../helpers/scan.js";

describe("MCP configs", () => {
  it("Claude Desktop: literal env token and --dsn credentials are findings; ${env:X} and $VAR are not", async () => {
    const token = githubToken();
    const text = JSON.stringify(
      {
        mcpServers: {
          github: { command: "npx", args: ["-y", "@modelcontextprotocol/server-github"], env: { GITHUB_PERSONAL_ACCESS_TOKEN: token, OTHER_TOKEN: "${env:OTHER_TOKEN}", THIRD_SECRET: "$THIRD_SECRET" } },
          postgres: { command: "mcp-postgres", args: ["--dsn", "postgres://app:Sup3rS3cretPw@db.internal:5432/app"] },
          remote: { url: "https://mcp.example.test/sse", headers: { Authorization: "Bearer ${input:api-token}" } },
        },
      },
      null,
      2,
    );
    const r = await scanArtifact("Claude/claude_desktop_config.json", text, { testRules: true });
    const gh = r.matches.find((x) => x.ruleId === "github-pat-classic")!;
    expect(gh.pointer).toBe("/mcpServers/github/env/GITHUB_PERSONAL_ACCESS_TOKEN");
    expect(gh.startPos).toEqual(lineColOf(text, token));
    expect(gh.artifact).toBe("mcp-config");
    const dsn = r.matches.find((x) => x.secret === "Sup3rS3cretPw")!;
    expect(dsn.secret).toBe("Sup3rS3cretPw");
    expect(dsn.pointer).toBe("/mcpServers/postgres/args/1");
    expect(dsn.startPos).toEqual(lineColOf(text, "Sup3rS3cretPw"));
    // References name a secret kept elsewhere.
    expect(r.matches.filter((x) => /env:|\$|input:/.test(x.secret))).toEqual([]);
  });

  it("VS Code .vscode/mcp.json: `servers` with `${input:…}` is clean; an argument after a flag gets the flag as its label", async () => {
    const token = githubToken();
    const text = JSON.stringify({
      inputs: [{ type: "promptString", id: "gh-token", description: "GitHub token", password: true }],
      servers: {
        gh: { type: "stdio", command: "docker", args: ["run", "-e", "GITHUB_TOKEN", "ghcr.io/github/github-mcp-server"], env: { GITHUB_TOKEN: "${input:gh-token}" } },
        other: { command: "tool", args: ["--api-key", "k3yLiteral-0123456789abcdef"] },
        third: { command: "gh-mcp", args: ["--token", token] },
      },
    });
    const r = await scanArtifact("proj/.vscode/mcp.json", text, { testRules: true });
    expect(r.matches.map((x) => [x.ruleId, x.pointer]).sort()).toEqual([
      ["github-pat-classic", "/servers/third/args/1"],
      ["test-assignment", "/servers/other/args/1"],
    ]);
  });

  it("Codex config.toml: [mcp_servers.*] env and http_headers entries, with pointers", async () => {
    const token = githubToken();
    const text = `model = "gpt-5"\n\n[mcp_servers.github]\ncommand = "github-mcp"\nenv = { GITHUB_TOKEN = "${token}" }\nbearer_token_env_var = "GH_TOKEN"\n\n[mcp_servers.remote.http_headers]\nX-Api-Key = "Zx9-literal-key-7f3a9b2c"\n`;
    const r = await scanArtifact("home/.codex/config.toml", text, { testRules: true });
    const gh = r.matches.find((x) => x.secret === token)!;
    expect(gh.pointer).toBe("/mcp_servers/github/env");
    expect(gh.artifact).toBe("mcp-config");
    expect(gh.startPos).toEqual(lineColOf(text, token));
    const hdr = r.matches.find((x) => x.secret === "Zx9-literal-key-7f3a9b2c")!;
    expect(hdr.pointer).toBe("/mcp_servers/remote/http_headers/X-Api-Key");
    expect(r.matches.some((x) => x.secret === "GH_TOKEN")).toBe(false);
  });

  it("invalid TOML is a warning and the lines are still scanned", async () => {
    const token = githubToken();
    const r = await scanArtifact("home/.codex/config.toml", `[mcp_servers.x\nenv = { T = "${token}" }\n`);
    expect(r.warnings[0]).toMatch(/^not valid TOML/);
    expect(r.matches.some((x) => x.secret === token)).toBe(true);
  });
});

describe("Jupyter notebooks", () => {
  it("finds tokens in a stream output (list of lines) and in an ANSI-coloured traceback", async () => {
    const token = githubToken();
    const tb = githubToken("gho");
    const text = notebook(token, tb);
    const r = await scanArtifact("analysis/deploy.ipynb", text);
    const s = r.matches.find((x) => x.secret === token)!;
    expect(s.pointer).toBe("/cells/1/outputs/0/text");
    expect(s.startPos).toEqual(lineColOf(text, token));
    expect(s.artifact).toBe("jupyter-notebook");
    expect(s.taskWindow).toEqual({ start: "2026-03-07T08:00:00.000Z", end: "2026-03-07T08:02:10.500Z" });
    const t = r.matches.find((x) => x.secret === tb)!;
    expect(t.pointer).toBe("/cells/2/outputs/0/traceback");
    expect(t.startPos).toEqual(lineColOf(text, tb));
    expect(r.warnings).toEqual([]);
  });

  it("a notebook with wrong types gives warnings and is still scanned", async () => {
    const token = githubToken();
    const text = JSON.stringify({ nbformat: 4, cells: [{ cell_type: "code", source: 42, outputs: "none" }, { cell_type: "code", source: [`t = "${token}"`] }] });
    const r = await scanArtifact("bad.ipynb", text);
    expect(r.warnings).toEqual(["cell 0: source is neither a string nor a list of strings", "cell 0: outputs is not a list"]);
    expect(r.matches.find((x) => x.secret === token)?.pointer).toBe("/cells/1/source");
    const r2 = await scanArtifact("worse.ipynb", `{"cells": "nope", "t": "${token}"}`);
    expect(r2.warnings).toEqual(["not an nbformat 4 notebook: `cells` is not a list"]);
    const r3 = await scanArtifact("truncated.ipynb", `{"cells": [{"source": ["${token}`);
    expect(r3.warnings[0]).toMatch(/^not valid JSON/);
    expect(r3.matches.some((x) => x.secret === token)).toBe(true);
  });
});

describe("Other agent files", () => {
  it("Aider chat history: plain text with the session start times as the window", async () => {
    const token = githubToken();
    const text = `\n# aider chat started at 2026-03-09 10:00:00\n\n#### add the token\n\n> export GITHUB_TOKEN=${token}\n\n# aider chat started at 2026-03-09 11:30:15\n`;
    const r = await scanArtifact("repo/.aider.chat.history.md", text);
    const m = r.matches[0];
    expect(m.artifact).toBe("aider-chat-history");
    expect(m.startPos).toEqual(lineColOf(text, token));
    // Aider writes local time; the test process runs with TZ unset or UTC.
    const local = (s: string) => new Date(s).toISOString();
    expect(m.taskWindow).toEqual({ start: local("2026-03-09T10:00:00"), end: local("2026-03-09T11:30:15") });
  });

  it("Cline task files use `ts` (ms) for the window; AutoGen state is found by content", async () => {
    const token = githubToken();
    const ui = JSON.stringify([{ ts: 1773050400000, type: "say", say: "text", text: "hi" }, { ts: 1773050460000, type: "say", say: "command_output", text: `TOKEN=${token}` }]);
    const r = await scanArtifact("globalStorage/saoudrizwan.claude-dev/tasks/1773050400000/ui_messages.json", ui);
    expect(r.matches[0].pointer).toBe("/1/text");
    expect(r.matches[0].artifact).toBe("cline-task");
    expect(r.matches[0].taskWindow).toEqual({ start: "2026-03-09T10:00:00.000Z", end: "2026-03-09T10:01:00.000Z" });
    const state = JSON.stringify({ type: "TeamState", version: "1.0.0", agent_states: { assistant: { type: "AssistantAgentState", llm_context: { messages: [{ content: `key ${token}`, source: "user", type: "UserMessage" }] } } } });
    const r2 = await scanArtifact("team_state.json", state);
    expect(r2.matches[0].pointer).toBe("/agent_states/assistant/llm_context/messages/0/content");
    expect(r2.matches[0].artifact).toBe("autogen-state");
  });

  it("Continue config.yaml entries carry pointers", async () => {
    const text = `name: local\nmodels:\n  - name: gpt\n    provider: openai\n    apiKey: sk-proj-literal-0123456789abcdef\n  - name: other\n    apiKey: \${{ secrets.OPENAI_KEY }}\n`;
    const r = await scanArtifact("home/.continue/config.yaml", text, { testRules: true });
    expect(r.matches.map((x) => [x.secret, x.pointer])).toEqual([["sk-proj-literal-0123456789abcdef", "/models/0/apiKey"]]);
  });
});
