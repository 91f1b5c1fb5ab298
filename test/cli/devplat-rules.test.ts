// End to end: the built CLI finds developer-platform credentials in a working tree, keeps checksummed
// tokens at high confidence, downgrades hand-made ones, and stays quiet on placeholders.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli.js";
import { badChecksumToken, githubToken, randomString } from "../helpers/tokens.js";
import {
  atlassianApiToken,
  atlassianDcPat,
  bitbucketAppPassword,
  gitlabRoutableToken,
  grafanaServiceAccountToken,
  tamper,
} from "../helpers/devplat-tokens.js";

interface Finding {
  ruleId: string;
  confidence: string;
  severity: string;
  location: { path: string; line: number };
}

const HEX = "0123456789abcdef";

describe("developer platform rules (CLI)", () => {
  const tmp = tempDir();
  const good = {
    npm: githubToken("npm"),
    glpat: gitlabRoutableToken("glpat-"),
    glrt: gitlabRoutableToken("glrt-", { c: "1", o: "1", t: "2" }),
    atatt: atlassianApiToken(),
    atbb: bitbucketAppPassword(),
    glsa: grafanaServiceAccountToken(),
    dcpat: atlassianDcPat(),
  };
  const bad = {
    npm: badChecksumToken("npm"),
    glpat: tamper(gitlabRoutableToken("glpat-"), 12),
    atbb: tamper(bitbucketAppPassword(), 10),
  };
  let findings: Finding[] = [];

  beforeAll(() => {
    writeFileSync(
      join(tmp.dir, ".npmrc"),
      `//registry.npmjs.org/:_authToken=${good.npm}\n@acme:registry=https://npm.pkg.github.com\n`,
    );
    writeFileSync(
      join(tmp.dir, "ci.env"),
      [
        `GITLAB_TOKEN=${good.glpat}`,
        `RUNNER_TOKEN=${good.glrt}`,
        `JIRA_API_TOKEN=${good.atatt}`,
        `BITBUCKET_APP_PASSWORD=${good.atbb}`,
        `GRAFANA_TOKEN=${good.glsa}`,
        `JIRA_PAT=${good.dcpat}`,
        `TRIGGER=glptt-${randomString(40, HEX)}`,
        `NEW_RELIC_LICENSE_KEY=${randomString(36, HEX)}NRAL`,
        "",
      ].join("\n"),
    );
    writeFileSync(
      join(tmp.dir, "handmade.env"),
      [`NPM_TOKEN=${bad.npm}`, `GITLAB_TOKEN=${bad.glpat}`, `BITBUCKET_APP_PASSWORD=${bad.atbb}`, ""].join("\n"),
    );
    writeFileSync(
      join(tmp.dir, "README.md"),
      [
        "Set GITLAB_TOKEN=glpat-xxxxxxxxxxxxxxxxxxxx and NPM_TOKEN=${NPM_TOKEN}.",
        "export JIRA_API_TOKEN=ATATT3xFfGF0...",
        "okta_api_token: 000000000000000000000000000000000000000000",
        "",
      ].join("\n"),
    );
    const r = runCli(["scan", tmp.dir, "--format", "json", "--no-ignore"]);
    expect(r.code, r.stderr).toBe(1);
    findings = JSON.parse(r.stdout).findings;
  });
  afterAll(() => tmp.cleanup());

  const inFile = (name: string) => findings.filter((f) => f.location.path.endsWith(name));

  it("finds well-formed tokens at high confidence", () => {
    const byRule = new Map(inFile("ci.env").map((f) => [f.ruleId, f]));
    for (const id of [
      "gitlab-pat",
      "gitlab-runner-auth-token",
      "atlassian-api-token",
      "bitbucket-app-password",
      "grafana-service-account-token",
      "atlassian-dc-personal-access-token",
      "gitlab-pipeline-trigger-token",
      "newrelic-license-key",
    ]) {
      expect(byRule.get(id)?.confidence, id).toBe("high");
    }
    const npm = inFile(".npmrc");
    expect(npm.map((f) => f.ruleId)).toEqual(["npm-access-token"]);
    expect(npm[0].confidence).toBe("high");
  });

  it("downgrades tokens whose checksum does not match", () => {
    const hand = inFile("handmade.env");
    expect(hand.map((f) => f.ruleId).sort()).toEqual(["bitbucket-app-password", "gitlab-pat", "npm-access-token"]);
    for (const f of hand) expect(f.confidence, f.ruleId).toBe("low");
    expect(hand.find((f) => f.ruleId === "npm-access-token")?.severity).toBe("high");
  });

  it("reports nothing for documentation placeholders", () => {
    expect(inFile("README.md")).toEqual([]);
  });
});
