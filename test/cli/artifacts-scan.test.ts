// End to end: `nhi-scan scan` over a tree of agent and CI artifacts (all generated here), checking
// each finding's path, raw line, pointer, artifact type and task window in the JSON report, and that
// malformed artifacts give warnings while the rest of the scan completes.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Finding, Report } from "../../src/model.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { githubToken } from "../helpers/tokens.js";
import {
  agentsSessionDb,
  claudeTranscript,
  githubActionsLog,
  githubActionsLogZip,
  gitlabLog,
  langgraphDb,
  lineColOf,
  notebook,
  walSidecar,
} from "../helpers/artifacts.js";

const T = {
  claude: githubToken(),
  lg: githubToken(),
  lgWrite: githubToken("ghu"),
  wal: githubToken(),
  agents: githubToken(),
  mcp: githubToken(),
  nb: githubToken(),
  nbTb: githubToken("gho"),
  gha: githubToken("ghs"),
  zip: githubToken("ghs"),
  gitlab: githubToken(),
  wfStatic: githubToken(),
  wfOidc: githubToken(),
  afterBad: githubToken(),
};

let dir: string;
let cleanup: () => void;
let report: Report;
let stderr: string;
let code: number;
const files: Record<string, string> = {};

function put(rel: string, data: string | Buffer): void {
  const p = join(dir, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, data);
  if (typeof data === "string") files[rel] = data;
}

function one(token: string): Finding {
  const f = report.findings.filter((x) => x.secret.value === token);
  expect(f.length, `findings for token ${token.slice(0, 6)}`).toBeGreaterThan(0);
  return f[0];
}

beforeAll(async () => {
  ({ dir, cleanup } = tempDir("nhi-artifacts-"));
  put("home/.claude/projects/-home-dev-app/5b1c.jsonl", claudeTranscript(T.claude));
  put("agent/checkpoints.sqlite", await langgraphDb(T.lg, T.lgWrite));
  put("agent/checkpoints.sqlite-wal", await walSidecar(T.wal));
  put("agent/sessions.db", await agentsSessionDb(T.agents));
  put("proj/.mcp.json", JSON.stringify({ mcpServers: { gh: { command: "gh-mcp", env: { GITHUB_TOKEN: T.mcp } } } }, null, 2));
  put("proj/analysis.ipynb", notebook(T.nb, T.nbTb));
  put("ci/logs/0_deploy.txt", githubActionsLog(T.gha));
  put("ci/logs/run-77.zip", githubActionsLogZip(githubActionsLog(T.zip)));
  put("ci/logs/gitlab-job.log", gitlabLog(T.gitlab));
  put("proj/.github/workflows/static.yml", `on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    env:\n      GH_TOKEN: ${T.wfStatic}\n    steps:\n      - run: ./deploy.sh\n`);
  put("proj/.github/workflows/oidc.yml", `on: push\npermissions:\n  id-token: write\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    env:\n      GH_TOKEN: ${T.wfOidc}\n`);
  // Malformed artifacts: each must be a warning, never a crash.
  const lg = await langgraphDb(githubToken(), githubToken());
  put("broken/truncated.sqlite", lg.subarray(0, 3000));
  put("broken/bad.jsonl", `{"ok": true}\n{not json\n{"t": "${T.afterBad}"}\n`);
  const zip = githubActionsLogZip(githubActionsLog(githubToken("ghs")));
  put("broken/broken.zip", zip.subarray(0, zip.length - 30));
  put("broken/wrong-types.ipynb", JSON.stringify({ nbformat: 4, cells: [{ cell_type: "code", source: 7, outputs: {} }] }));
  const r = runCli(["scan", dir, "--format", "json", "--show-secrets", "--no-ignore", "--now", "2026-04-01T00:00:00Z"]);
  code = r.code;
  stderr = r.stderr;
  report = JSON.parse(r.stdout) as Report;
});

afterAll(() => cleanup());

describe("nhi-scan scan over agent and CI artifacts", () => {
  it("completes with findings despite malformed artifacts, warning about each", () => {
    expect(code).toBe(1);
    expect(stderr).toMatch(/broken\/truncated\.sqlite: cannot read SQLite database/);
    expect(stderr).toMatch(/broken\/bad\.jsonl: line 2: not valid JSON/);
    expect(stderr).toMatch(/broken\/broken\.zip: cannot read zip archive/);
    expect(stderr).toMatch(/broken\/wrong-types\.ipynb: cell 0: source is neither a string nor a list of strings/);
    expect(stderr).not.toMatch(/fatal/);
    expect(one(T.afterBad).location.line).toBe(3);
  });

  it("Claude Code transcript", () => {
    const f = one(T.claude);
    const rel = "home/.claude/projects/-home-dev-app/5b1c.jsonl";
    expect(f.location.path).toBe(rel);
    expect(f.location.line).toBe(lineColOf(files[rel], T.claude).line);
    expect(f.location.pointer).toBe("/message/content/0/content");
    expect(f.artifact).toBe("claude-code-transcript");
    expect(f.taskWindow).toEqual({ start: "2026-03-01T09:00:00.000Z", end: "2026-03-01T09:12:30.500Z" });
  });

  it("LangGraph checkpoint database and its WAL sidecar", () => {
    const f = one(T.lg);
    expect(f.location.path).toBe("agent/checkpoints.sqlite");
    expect(f.location.line).toBeNull();
    expect(f.location.pointer).toBe("checkpoints[thread-42/1f0a2b3c-4d5e-6f70-8000-000000000001].checkpoint#/channel_values/messages/1/content");
    expect(f.artifact).toBe("langgraph-checkpoint");
    expect(f.taskWindow).toEqual({ start: "2026-03-03T10:00:00.000Z", end: "2026-03-03T10:07:30.000Z" });
    const w = one(T.wal);
    expect(w.location.path).toBe("agent/checkpoints.sqlite-wal");
    expect(w.location.pointer).toBe("frame[1].page[2]");
    expect(w.artifact).toBe("sqlite-wal");
    expect(stderr).toMatch(/agent\/checkpoints\.sqlite: writes\[.*\]\.value: encrypted value \(msgpack\+aes\) cannot be scanned/);
  });

  it("OpenAI Agents SDK session database", () => {
    const f = one(T.agents);
    expect(f.location.pointer).toBe("agent_messages[2].message_data#/output#/stdout");
    expect(f.artifact).toBe("openai-agents-session");
    expect(f.taskWindow).toEqual({ start: "2026-03-04T08:00:00.000Z", end: "2026-03-04T08:20:00.000Z" });
  });

  it("MCP config and notebook", () => {
    const m = one(T.mcp);
    expect(m.location.path).toBe("proj/.mcp.json");
    expect(m.location.line).toBe(6);
    expect(m.location.pointer).toBe("/mcpServers/gh/env/GITHUB_TOKEN");
    expect(m.artifact).toBe("mcp-config");
    const n = one(T.nb);
    expect(n.location.line).toBe(lineColOf(files["proj/analysis.ipynb"], T.nb).line);
    expect(n.location.pointer).toBe("/cells/1/outputs/0/text");
    expect(n.artifact).toBe("jupyter-notebook");
    expect(n.taskWindow).toEqual({ start: "2026-03-07T08:00:00.000Z", end: "2026-03-07T08:02:10.500Z" });
    expect(one(T.nbTb).location.pointer).toBe("/cells/2/outputs/0/traceback");
  });

  it("GitHub Actions log, its zip archive and a GitLab log", () => {
    const g = one(T.gha);
    expect(g.location.path).toBe("ci/logs/0_deploy.txt");
    expect(g.location.line).toBe(10);
    expect(g.location.pointer).toBe("group:Run ./deploy.sh");
    expect(g.artifact).toBe("github-actions-log");
    expect(g.taskWindow).toEqual({ start: "2026-03-05T12:00:01.123Z", end: "2026-03-05T12:03:59.765Z" });
    const z = one(T.zip);
    expect(z.location.path).toBe("ci/logs/run-77.zip");
    expect(z.location.line).toBe(10);
    expect(z.location.pointer).toBe("0_build.txt#group:Run ./deploy.sh");
    expect(z.taskWindow?.end).toBe("2026-03-05T12:03:59.765Z");
    const l = one(T.gitlab);
    expect(l.location.line).toBe(lineColOf(files["ci/logs/gitlab-job.log"], T.gitlab).line);
    expect(l.location.pointer).toBe("section:step_script");
    expect(l.artifact).toBe("gitlab-ci-log");
    expect(l.taskWindow).toEqual({ start: "2026-03-06T10:00:00.000Z", end: "2026-03-06T10:05:00.000Z" });
  });

  it("workflows with and without OIDC", () => {
    const s = one(T.wfStatic);
    expect(s.location.path).toBe("proj/.github/workflows/static.yml");
    expect(s.location.line).toBe(6);
    expect(s.location.pointer).toBe("/jobs/deploy/env/GH_TOKEN");
    expect(s.artifact).toBe("github-actions-workflow");
    const o = one(T.wfOidc);
    expect(o.location.line).toBe(8);
    expect(o.artifact).toBe("github-actions-workflow");
  });

  it("a SQLite file named alone brings its -wal sidecar", () => {
    const r = runCli(["scan", join(dir, "agent/checkpoints.sqlite"), "--format", "json", "--show-secrets"]);
    const rep = JSON.parse(r.stdout) as Report;
    expect(rep.findings.map((f) => f.secret.value)).toEqual(expect.arrayContaining([T.lg, T.wal]));
  });
});
