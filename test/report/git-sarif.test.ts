// SARIF from a git history scan (history-only paths, commits, baselineState, suppressions, odd path
// bytes) must pass the official schema and the multitool's GitHub ingestion rules too.
import { spawnSync } from "node:child_process";
import { accessSync, chmodSync, constants, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import Ajv from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli.js";
import { buildHistoryRepo, type HistoryFixture } from "../sources/git/fixture-repo.js";
import { githubToken } from "../helpers/tokens.js";

const require = createRequire(import.meta.url);
const toolDir = dirname(require.resolve("@microsoft/sarif-multitool-linux/package.json"));
const schema = JSON.parse(readFileSync(join(toolDir, "sarif-2.1.0.json"), "utf8"));

let tmp: ReturnType<typeof tempDir>;
let fx: HistoryFixture;
let sarifPath: string;
let sarif: any;
let accepted: Set<string>;

beforeAll(() => {
  tmp = tempDir("nhi-git-sarif-");
  fx = buildHistoryRepo(tmp.dir);
  // A baseline holding half the findings, then one more commit with an odd path name.
  const first = JSON.parse(runCli(["git", fx.repo.dir, "-f", "json"]).stdout);
  const baseline = join(tmp.dir, "baseline.json");
  accepted = new Set(first.findings.slice(0, 3).map((f: { fingerprint: string }) => f.fingerprint));
  writeFileSync(baseline, JSON.stringify({ version: 1, findings: [...accepted].map((fingerprint) => ({ fingerprint, comment: "accepted" })) }));
  fx.repo.stageRaw([{ path: Buffer.from([0x72, 0xe9, 0x73, 0x75, 0x6d, 0xe9, 0x20, 0x25, 0x2e, 0x65, 0x6e, 0x76]), oid: fx.repo.blob(`K=${githubToken()}\n`) }]);
  fx.repo.git(["commit", "-q", "-m", "odd name"], { who: { name: "Ann", date: "2024-02-01T00:00:00Z" } });
  sarifPath = join(tmp.dir, "git.sarif");
  const r = runCli(["git", fx.repo.dir, "--baseline", baseline, "-o", sarifPath]);
  expect(r.code).toBe(1);
  sarif = JSON.parse(readFileSync(sarifPath, "utf8"));
});
afterAll(() => tmp.cleanup());

describe("SARIF from a git scan", () => {
  it("validates against the official SARIF 2.1.0 schema", () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
  });

  it("has zero errors or warnings under the multitool's Gh;Sarif rules", () => {
    const bin = join(toolDir, "Sarif.Multitool");
    try {
      accessSync(bin, constants.X_OK);
    } catch {
      chmodSync(bin, 0o755);
    }
    const out = join(tmp.dir, "validation.sarif");
    const r = spawnSync(bin, ["validate", "--rule-kind", "Gh;Sarif", "--output", out, sarifPath], { encoding: "utf8" });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const log = JSON.parse(readFileSync(out, "utf8"));
    const problems = (log.runs?.[0]?.results ?? []).filter((x: { level?: string }) => x.level === "error" || x.level === "warning");
    expect(problems.map((p: { ruleId: string; message: { text?: string } }) => `${p.ruleId}: ${p.message?.text ?? ""}`)).toEqual([]);
  });

  it("gives history-only findings a location and their commit; baseline states are set", () => {
    const results = sarif.runs[0].results;
    const old = results.find((x: any) => x.locations[0].physicalLocation.artifactLocation.uri === "old.env");
    expect(old.properties).toMatchObject({ commit: fx.commits.c2, presentAtHead: false });
    const inBaseline = results.filter((x: any) => accepted.has(x.partialFingerprints["nhiScanFingerprint/v1"]));
    expect(inBaseline.length).toBeGreaterThanOrEqual(3);
    expect(results.filter((x: any) => x.baselineState === "unchanged")).toEqual(inBaseline);
    expect(results.filter((x: any) => x.suppressions?.length)).toEqual(inBaseline);
    expect(results.filter((x: any) => x.baselineState === "new")).toHaveLength(results.length - inBaseline.length);
    expect(results.some((x: any) => x.locations[0].physicalLocation.artifactLocation.uri === "r%5Cxe9sum%5Cxe9%20%25.env")).toBe(true);
  });
});
