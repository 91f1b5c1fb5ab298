// End to end with the shipped rule pack and artifact extractors: the NHI ids the issue names for agent
// transcripts, MCP configs, CI logs and CI configs, and the policy context each artifact selects.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli.js";
import { claudeTranscript, CLAUDE_END, GHA_END, githubActionsLog } from "../helpers/artifacts.js";
import { awsKeyId } from "../helpers/lifetime-tokens.js";
import { githubToken, randomString } from "../helpers/tokens.js";
import type { Finding, Report } from "../../src/model.js";

let root: string;
let cleanup: () => void;
let report: Report;
const pat = githubToken("ghp");
const ghsInTranscript = githubToken("ghs");
const ghsInLog = githubToken("ghs");
const akiaStatic = awsKeyId("AKIA");
const akiaOidc = awsKeyId("AKIA");
const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

function write(path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

const workflow = (id: string, oidc: boolean) => `name: deploy
on: push
${oidc ? "permissions:\n  id-token: write\n  contents: read\n" : ""}jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          aws-access-key-id: ${id}
          aws-secret-access-key: ${randomString(40, B64)}
          aws-region: us-east-1
`;

beforeAll(() => {
  ({ dir: root, cleanup } = tempDir("nhi-artifacts-e2e-"));
  write(".claude/projects/-home-dev-app/5b1c0e6a.jsonl", claudeTranscript(pat).replace("The token looks fine.", `Also saw ${ghsInTranscript}`));
  write("logs/0_deploy.txt", githubActionsLog(ghsInLog));
  write(".mcp.json", JSON.stringify({ mcpServers: { github: { command: "npx", args: ["-y", "@modelcontextprotocol/server-github"], env: { GITHUB_PERSONAL_ACCESS_TOKEN: pat } } } }, null, 2));
  write(".github/workflows/deploy.yml", workflow(akiaStatic, false));
  write(".github/workflows/oidc.yml", workflow(akiaOidc, true));
  write(".github/workflows/release.yml", `on: push\npermissions: write-all\njobs:\n  release:\n    runs-on: ubuntu-latest\n    env:\n      NPM_PUBLISH_TOKEN: ${githubToken("ghp")}\n    steps:\n      - run: npm publish\n`);
  const r = runCli(["scan", ".", "--now", "2026-03-06T00:00:00Z", "--format", "json"], { cwd: root });
  expect(r.stderr).not.toMatch(/fatal/);
  report = JSON.parse(r.stdout) as Report;
});
afterAll(() => cleanup());

const ids = (f: Finding) => f.nhi.map((n) => n.id);
const find = (pred: (f: Finding) => boolean, what: string): Finding => {
  const f = report.findings.find(pred);
  expect(f, `${what} in ${JSON.stringify(report.findings.map((x) => [x.ruleId, x.location.path, x.artifact]))}`).toBeDefined();
  return f!;
};

describe("NHI ids on real artifacts", () => {
  it("a PAT in an agent transcript: human use (NHI10) in the agent context; reused with the MCP config", () => {
    const f = find((x) => x.artifact === "claude-code-transcript" && x.secret.redacted.startsWith("ghp_"), "PAT in the transcript");
    expect(ids(f)).toEqual(expect.arrayContaining(["NHI2:2025", "NHI10:2025"]));
    expect(f.occurrences).toBeGreaterThanOrEqual(2);
  });

  it("an installation token in a transcript is long-lived for the agent policy (1 h > 15 min), and outlives the session", () => {
    const f = find((x) => x.artifact === "claude-code-transcript" && x.secret.redacted.startsWith("ghs_"), "ghs_ in the transcript");
    expect(f.lifetime).toMatchObject({ kind: "implied", maxSeconds: 3600, expiresAt: null, outlivesTask: null, taskEnd: new Date(CLAUDE_END).toISOString() });
    expect(f.rationale?.["NHI7:2025"]).toContain("15 min maximum for agent credentials");
  });

  it("the same kind of token in a CI log is within the CI policy, and takes the log's last timestamp as task end", () => {
    const f = find((x) => x.artifact === "github-actions-log", "ghs_ in the job log");
    expect(f.lifetime?.taskEnd).toBe("2026-03-05T12:03:59.765Z");
    expect(GHA_END.startsWith("2026-03-05T12:03:59.765")).toBe(true);
    expect(ids(f)).not.toContain("NHI7:2025");
  });

  it("a PAT in an MCP config is a vulnerable third-party NHI (NHI3)", () => {
    const f = find((x) => x.location.path === ".mcp.json", "PAT in .mcp.json");
    expect(ids(f)).toContain("NHI3:2025");
  });

  it("a static AWS key in a workflow without OIDC is NHI6 and never expires (NHI7); with id-token: write it is not NHI6", () => {
    const noOidc = report.findings.filter((x) => x.location.path === ".github/workflows/deploy.yml");
    expect(noOidc.length).toBeGreaterThan(0);
    for (const f of noOidc) expect(ids(f), f.ruleId).toEqual(expect.arrayContaining(["NHI6:2025", "NHI7:2025"]));
    const withOidc = report.findings.filter((x) => x.location.path === ".github/workflows/oidc.yml");
    expect(withOidc.length).toBeGreaterThan(0);
    for (const f of withOidc) expect(ids(f), f.ruleId).not.toContain("NHI6:2025");
  });

  it("a token in a workflow that grants permissions: write-all is overprivileged (NHI5); other workflows are not", () => {
    const f = find((x) => x.location.path === ".github/workflows/release.yml", "token in the write-all workflow");
    expect(ids(f)).toContain("NHI5:2025");
    for (const g of report.findings.filter((x) => x.location.path === ".github/workflows/deploy.yml")) expect(ids(g)).not.toContain("NHI5:2025");
  });
});
