// The shipped integrations run for real: the pre-commit hook entry, the GitHub Action's scan step
// (its bash, with the environment GitHub would give it), and the GitLab CI example's job script.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import { BIN, runCli, tempDir } from "../helpers/cli.js";
import { TestRepo } from "../helpers/git-repo.js";
import { githubToken } from "../helpers/tokens.js";

const ROOT = resolve(__dirname, "../..");
const who = (day: number) => ({ name: "Ann Author", date: `2024-05-${String(day).padStart(2, "0")}T09:00:00Z` });

let tmp: ReturnType<typeof tempDir>;
let repo: TestRepo;
let base: string;
let leaky: string;
let clean: string;

beforeAll(() => {
  tmp = tempDir("nhi-integrations-");
  repo = TestRepo.init(join(tmp.dir, "repo"));
  base = repo.commit({ "README.md": "hello\n" }, who(1));
  leaky = repo.commit({ "deploy.env": `TOKEN=${githubToken()}\n` }, who(2));
  repo.commit({ "deploy.env": "TOKEN=${{ secrets.DEPLOY }}\n" }, who(3));
  clean = repo.commit({ "README.md": "hello again\n" }, who(4));
});
afterAll(() => tmp.cleanup());

function bash(script: string, cwd: string, env: Record<string, string>) {
  return spawnSync("bash", ["-c", script], { cwd, env: { ...process.env, NO_COLOR: "1", ...env }, encoding: "utf8" });
}

describe(".pre-commit-hooks.yaml", () => {
  const hooks = parseYaml(readFileSync(join(ROOT, ".pre-commit-hooks.yaml"), "utf8")) as { id: string; entry: string; pass_filenames: boolean; language: string }[];

  it("declares hooks that scan the staged changes without file names", () => {
    expect(hooks.map((h) => h.id)).toEqual(["nhi-scan", "nhi-scan-system"]);
    for (const h of hooks) {
      expect(h.entry).toBe("nhi-scan git --staged");
      expect(h.pass_filenames).toBe(false);
    }
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    expect(pkg.bin["nhi-scan"]).toBe("bin/nhi-scan.js");
  });

  it("its entry blocks a staged secret and passes a clean index", () => {
    const args = hooks[0].entry.split(" ").slice(1);
    const t = TestRepo.init(join(tmp.dir, "hook-repo"));
    t.commit({ "a.txt": "a\n" }, who(1));
    expect(runCli(args, { cwd: t.dir }).code).toBe(0);
    t.write({ "b.env": `K=${githubToken()}\n` });
    t.git(["add", "b.env"]);
    expect(runCli(args, { cwd: t.dir }).code).toBe(1);
  });
});

describe("action.yml", () => {
  const action = parseYaml(readFileSync(join(ROOT, "action.yml"), "utf8"));
  const steps = action.runs.steps as { id?: string; name: string; uses?: string; run?: string; env?: Record<string, string>; with?: Record<string, string> }[];
  const scan = steps.find((s) => s.id === "scan")!;

  function runScanStep(env: Record<string, string>) {
    const out = join(tmp.dir, `out-${Math.random().toString(36).slice(2)}`);
    const summary = `${out}.md`;
    writeFileSync(out, "");
    writeFileSync(summary, "");
    const inputs = { NHI_RANGE: "", NHI_PATH: ".", NHI_FAIL_ON: "low", NHI_BASELINE: "", NHI_ARGS: "", NHI_SARIF: join(tmp.dir, "a.sarif"), NHI_PR_BASE: "", NHI_PR_HEAD: "", NHI_PUSH_BEFORE: "", NHI_PUSH_AFTER: "" };
    const r = bash(scan.run!, repo.dir, { ...inputs, ...env, GITHUB_ACTION_PATH: ROOT, GITHUB_OUTPUT: out, GITHUB_STEP_SUMMARY: summary });
    const outputs = Object.fromEntries(readFileSync(out, "utf8").trim().split("\n").filter(Boolean).map((l) => l.split(/=(.*)/s).slice(0, 2)));
    return { ...r, outputs, summary: readFileSync(summary, "utf8"), sarifPath: inputs.NHI_SARIF };
  }

  it("is a composite action that uploads SARIF with codeql-action and passes inputs through env only", () => {
    expect(action.runs.using).toBe("composite");
    expect(steps.some((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"))).toBe(true);
    // Expressions in a run script are a script-injection risk: every value comes in through env.
    for (const s of steps) expect(s.run ?? "").not.toMatch(/\$\{\{/);
    expect(Object.keys(scan.env!)).toContain("NHI_PR_BASE");
  });

  it("scans the pull request's range: findings give exit-code 1, a SARIF file and a job summary", () => {
    const r = runScanStep({ NHI_PR_BASE: base, NHI_PR_HEAD: leaky });
    expect(r.status, r.stderr).toBe(0);
    expect(r.outputs["exit-code"]).toBe("1");
    expect(r.outputs.range).toBe(`${base}..${leaky}`);
    const sarif = JSON.parse(readFileSync(r.sarifPath, "utf8"));
    expect(sarif.runs[0].results).toHaveLength(1);
    expect(sarif.runs[0].results[0].properties.commit).toBe(leaky);
    expect(r.summary).toMatch(/## nhi-scan: 1 credential in 1 location/);
  });

  it("a clean pull request gives exit-code 0; a push range is used when there is no pull request", () => {
    const r = runScanStep({ NHI_PR_BASE: leaky, NHI_PR_HEAD: clean });
    expect(r.outputs["exit-code"]).toBe("0");
    expect(r.summary).toMatch(/## nhi-scan: 0 credentials[\s\S]*No secrets found/);
    const push = runScanStep({ NHI_PUSH_BEFORE: base, NHI_PUSH_AFTER: clean });
    expect(push.outputs.range).toBe(`${base}..${clean}`);
    expect(push.outputs["exit-code"]).toBe("1");
  });

  it("a new branch (zero before) scans the whole history; a missing base fails with guidance", () => {
    const r = runScanStep({ NHI_PUSH_BEFORE: "0".repeat(40), NHI_PUSH_AFTER: clean });
    expect(r.outputs.range).toBe("");
    expect(r.outputs["exit-code"]).toBe("1");
    const missing = runScanStep({ NHI_PR_BASE: "1".repeat(40), NHI_PR_HEAD: clean });
    expect(missing.status).toBe(2);
    expect(missing.stdout).toMatch(/fetch-depth: 0/);
  });
});

describe("examples/gitlab-ci.yml", () => {
  const ci = parseYaml(readFileSync(join(ROOT, "examples/gitlab-ci.yml"), "utf8"));

  it("gates a merge request on its range with the real CLI", () => {
    const job = ci["nhi-scan-merge-request"];
    expect(job.extends).toBe(".nhi-scan");
    expect(ci[".nhi-scan"].variables.GIT_DEPTH).toBe("0");
    const script = [`nhi-scan() { "${process.execPath}" "${BIN}" "$@"; }`, "set -eo pipefail", ...job.script].join("\n");
    const env = { CI_MERGE_REQUEST_DIFF_BASE_SHA: base, CI_COMMIT_SHA: leaky };
    const r = bash(script, repo.dir, env);
    expect(r.status).toBe(1);
    const rep = JSON.parse(readFileSync(join(repo.dir, "nhi-scan.json"), "utf8"));
    expect(rep.findings).toHaveLength(1);
    expect(bash(script, repo.dir, { CI_MERGE_REQUEST_DIFF_BASE_SHA: leaky, CI_COMMIT_SHA: clean }).status).toBe(0);
  });
});
