import { describe, expect, it } from "vitest";
import { githubToken, randomString } from "../helpers/tokens.js";
import { GHA_END, GHA_START, GITLAB_END_EPOCH, GITLAB_START_EPOCH, githubActionsLog, githubActionsLogZip, gitlabLog, lineColOf } from "../helpers/artifacts.js";
import { scanArtifact } from "../helpers/scan.js";

const iso = (epoch: number) => new Date(epoch * 1000).toISOString();

function workflow(token: string, oidc: boolean): string {
  return `name: deploy
on: [push]
${oidc ? "permissions:\n  id-token: write\n  contents: read\n" : ""}jobs:
  deploy:
    runs-on: ubuntu-latest
    env:
      GH_TOKEN: ${token}
      FROM_STORE: \${{ secrets.DEPLOY_TOKEN }}
    steps:
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          aws-secret-access-key: \${{ secrets.AWS_SECRET_ACCESS_KEY }}
          aws-region: eu-west-1
      - run: ./deploy.sh
`;
}

describe("CI configs", () => {
  it("reports a literal token in a workflow without OIDC with oidc=false, its pointer and line", async () => {
    const token = githubToken();
    const text = workflow(token, false);
    const r = await scanArtifact(".github/workflows/deploy.yml", text, { testRules: true });
    const m = r.matches.find((x) => x.secret === token && x.ruleId === "github-pat-classic")!;
    expect(m.pointer).toBe("/jobs/deploy/env/GH_TOKEN");
    expect(m.startPos).toEqual(lineColOf(text, token));
    expect(m.artifact).toBe("github-actions-workflow");
    expect(m.context).toEqual({ ciPlatform: "github-actions", ciConfig: true, oidc: false });
    // `${{ secrets.X }}` references are never findings, even for a rule without a placeholder filter.
    expect(r.matches.filter((x) => x.secret.includes("secrets") || x.secret.includes("${{"))).toEqual([]);
    expect(r.matches.map((x) => x.secret)).toEqual([token]);
  });

  it("marks the same workflow with id-token: write as oidc=true (workflow or job level)", async () => {
    const token = githubToken();
    const r = await scanArtifact(".github/workflows/deploy.yml", workflow(token, true));
    expect(r.matches.find((x) => x.secret === token)!.context?.oidc).toBe(true);
    const jobLevel = workflow(token, false).replace("    runs-on: ubuntu-latest\n", "    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n");
    const r2 = await scanArtifact(".github/workflows/deploy.yml", jobLevel);
    expect(r2.matches.find((x) => x.secret === token)!.context?.oidc).toBe(true);
  });

  it("flags CI_DEBUG_TRACE in GitLab CI and leaves id_tokens, masked references and Travis ciphertext alone", async () => {
    const text = `variables:
  CI_DEBUG_TRACE: "true"
  DB_PASSWORD: $DB_PASSWORD
deploy:
  id_tokens:
    AWS_TOKEN:
      aud: sts.amazonaws.com
  script:
    - ./deploy.sh
`;
    const r = await scanArtifact(".gitlab-ci.yml", text, { testRules: true });
    const dbg = r.matches.find((x) => x.ruleId === "gitlab-ci-debug-trace")!;
    expect(dbg.secret).toBe('CI_DEBUG_TRACE: "true"');
    expect(dbg.startPos).toEqual({ line: 2, column: 3 });
    expect(dbg.pointer).toBe("/variables/CI_DEBUG_TRACE");
    expect(dbg.context).toEqual({ ciPlatform: "gitlab-ci", ciConfig: true, oidc: false });
    expect(r.matches.filter((x) => x.ruleId === "test-assignment")).toEqual([]);

    const travis = `env:\n  global:\n    - secure: "c2VjcmV0IGtleSBlbmNyeXB0ZWQgZm9yIHRyYXZpcyBjaSB0aGlzIGlzIG5vdCBwbGFpbg=="\n`;
    const rt = await scanArtifact(".travis.yml", travis, { testRules: true });
    expect(rt.matches).toEqual([]);
  });

  it("does not report Azure $(secret), Jenkins credentials('id') or Groovy interpolation, but does report literals", async () => {
    const token = githubToken();
    const azure = `variables:\n  apiKey: $(ApiKeyFromLibrary)\n  literalToken: ${token}\n`;
    const ra = await scanArtifact("azure-pipelines.yml", azure, { testRules: true });
    expect(ra.matches.map((x) => x.secret)).toEqual([token]);
    expect(ra.matches[0].artifact).toBe("azure-pipelines-config");
    const jenkins = `pipeline {\n  environment {\n    API_TOKEN = credentials('api-token')\n    OTHER_KEY = "\${env.OTHER}"\n    PLAIN_PASSWORD = 'Hunter2-Plaintext-99'\n  }\n}\n`;
    const rj = await scanArtifact("Jenkinsfile", jenkins, { testRules: true });
    expect(rj.matches.map((x) => x.secret)).toEqual(["Hunter2-Plaintext-99"]);
    expect(rj.matches[0].context).toEqual({ ciPlatform: "jenkins", ciConfig: true, oidc: false });
    expect(rj.matches[0].startPos.line).toBe(5);
  });

  it("scans broken YAML as text with a warning", async () => {
    const token = githubToken();
    const r = await scanArtifact(".github/workflows/x.yml", `jobs:\n  a: [\n    GH: ${token}\n  - bad: ][\n`);
    expect(r.warnings[0]).toMatch(/^not valid YAML/);
    expect(r.matches.find((x) => x.secret === token)?.startPos.line).toBe(3);
  });
});

describe("CI logs", () => {
  it("GitHub Actions log: token after a colour code, step pointer, first and last timestamps", async () => {
    const token = githubToken("ghs");
    const text = githubActionsLog(token);
    const r = await scanArtifact("logs/deploy.txt", text);
    const m = r.matches.find((x) => x.secret === token)!;
    expect(m.artifact).toBe("github-actions-log");
    expect(m.pointer).toBe("group:Run ./deploy.sh");
    const bytes = Buffer.from(text);
    const line = bytes.subarray(0, bytes.indexOf(token)).toString().split("\n").length;
    expect(m.startPos.line).toBe(line);
    expect(m.taskWindow).toEqual({ start: GHA_START.replace(/\d{4}Z$/, "Z"), end: GHA_END.replace(/\d{4}Z$/, "Z") });
    expect(m.context).toEqual({ ciPlatform: "github-actions", ciLog: true });
  });

  it("an application log with millisecond ISO timestamps is not taken for a GitHub Actions log", async () => {
    const r = await scanArtifact("app.log", `2026-03-05T12:00:01.123Z INFO start\n2026-03-05T12:00:02.456Z token ${githubToken()}\n`);
    expect(r.artifact).not.toBe("github-actions-log");
    expect(r.matches).toHaveLength(1);
  });

  it("GitHub Actions log archive: member name in the pointer, line and column inside the member", async () => {
    const token = githubToken("ghs");
    const log = githubActionsLog(token);
    const r = await scanArtifact("run-123-logs.zip", githubActionsLogZip(log));
    const m = r.matches.find((x) => x.secret === token)!;
    expect(m.pointer).toBe("0_build.txt#group:Run ./deploy.sh");
    expect(m.artifact).toBe("github-actions-log");
    expect(m.startPos.line).toBe(10);
    expect(m.startPos.column).toBe(lineColOf(log.replace(/\x1b\[[0-9;]*m/g, (s) => " ".repeat(s.length)), token).column);
    expect(m.taskWindow?.end).toBe("2026-03-05T12:03:59.765Z");
    expect(r.artifact).toBe("ci-log-archive");
  });

  it("a broken zip is a warning, not a crash", async () => {
    const zip = githubActionsLogZip(githubActionsLog(githubToken("ghs")));
    const r = await scanArtifact("logs.zip", zip.subarray(0, zip.length - 40));
    expect(r.matches).toEqual([]);
    expect(r.warnings[0]).toMatch(/^cannot read zip archive/);
  });

  it("GitLab job log: section pointer and the window from section markers", async () => {
    const token = githubToken();
    const text = gitlabLog(token);
    const r = await scanArtifact("job.log", text);
    const m = r.matches.find((x) => x.secret === token)!;
    expect(m.artifact).toBe("gitlab-ci-log");
    expect(m.pointer).toBe("section:step_script");
    expect(m.startPos).toEqual(lineColOf(text, token));
    expect(m.taskWindow).toEqual({ start: iso(GITLAB_START_EPOCH), end: iso(GITLAB_END_EPOCH) });
  });

  it("GitLab log with FF_TIMESTAMPS line prefixes", async () => {
    const token = githubToken();
    const text = `2026-03-06T10:00:00.100000Z 00O Running with gitlab-runner 17.5.0\n2026-03-06T10:00:01.000000Z 01O+ echo ${token}\n2026-03-06T10:09:00.250000Z 01O Job succeeded\n`;
    const r = await scanArtifact("job-2.log", text);
    expect(r.matches[0].taskWindow).toEqual({ start: "2026-03-06T10:00:00.100Z", end: "2026-03-06T10:09:00.250Z" });
  });
});

describe("pairs across entries", () => {
  const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const awsPair = () => {
    const id = `AKIA${randomString(16, UPPER)}`;
    const secret = `${randomString(18)}/${randomString(19)}+${randomString(1)}`.replace(/^(.)/, "a").replace(/(.)$/, "Z");
    return { id, secret: secret.slice(0, 37) + "k7Q" };
  };

  it("a workflow's AWS key id and secret in sibling `with:` entries are one pair, on the secret's line, in a job without OIDC", async () => {
    const { id, secret } = awsPair();
    const text = `on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          aws-access-key-id: ${id}\n          aws-secret-access-key: ${secret}\n          aws-region: eu-west-1\n`;
    const r = await scanArtifact(".github/workflows/deploy.yml", text);
    const pair = r.matches.find((m) => m.secret === secret)!;
    expect(pair.identity).toBe(id);
    expect(pair.startPos.line).toBe(9);
    expect(pair.pointer).toBe("/jobs/deploy/steps/0/with/aws-secret-access-key");
    expect(pair.context).toEqual({ ciPlatform: "github-actions", ciConfig: true, oidc: false });
    // The lone key id is folded into the pair, not reported again.
    expect(r.matches.filter((m) => m.secret === id)).toEqual([]);
  });

  it("an MCP server's env holding an AWS key id and secret is one pair", async () => {
    const { id, secret } = awsPair();
    const text = JSON.stringify({ mcpServers: { aws: { command: "aws-mcp", env: { AWS_ACCESS_KEY_ID: id, AWS_SECRET_ACCESS_KEY: secret, AWS_REGION: "eu-west-1" } } } }, null, 2);
    const r = await scanArtifact(".mcp.json", text);
    const pair = r.matches.find((m) => m.secret === secret)!;
    expect(pair.identity).toBe(id);
    expect(pair.pointer).toBe("/mcpServers/aws/env/AWS_SECRET_ACCESS_KEY");
    expect(pair.startPos).toEqual(lineColOf(text, secret));
  });
});
