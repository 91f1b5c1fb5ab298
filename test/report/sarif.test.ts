// SARIF output must be valid against the official 2.1.0 schema and clean under Microsoft's multitool
// with GitHub's ingestion rules (Gh;Sarif).
import { spawnSync } from "node:child_process";
import { accessSync, chmodSync, constants, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import Ajv from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli.js";
import { githubToken } from "../helpers/tokens.js";

const require = createRequire(import.meta.url);
const toolDir = dirname(require.resolve("@microsoft/sarif-multitool-linux/package.json"));
const schema = JSON.parse(readFileSync(join(toolDir, "sarif-2.1.0.json"), "utf8"));

let dir: string;
let cleanup: () => void;
let sarifPath: string;
let sarif: any;

beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  mkdirSync(join(dir, "src", "with space"), { recursive: true });
  writeFileSync(join(dir, "src", "with space", "app.env"), `GITHUB_TOKEN=${githubToken()}\n`);
  writeFileSync(join(dir, "src", "b.txt"), `one\ntwo ${githubToken("gho")}\n`);
  writeFileSync(join(dir, "dup.txt"), `${githubToken()}\n`);
  sarifPath = join(dir, "..", `${Date.now()}-out.sarif`);
  const r = runCli(["scan", dir, "-o", sarifPath]);
  expect(r.code).toBe(1);
  sarif = JSON.parse(readFileSync(sarifPath, "utf8"));
});
afterAll(() => cleanup());

function multitool(): string | null {
  const bin = join(toolDir, "Sarif.Multitool");
  if (!existsSync(bin)) return null;
  try {
    accessSync(bin, constants.X_OK);
  } catch {
    // npm 11 may skip the package's chmod postinstall; the binary ships without the x bit.
    try {
      chmodSync(bin, 0o755);
    } catch {
      return null;
    }
  }
  return bin;
}

describe("SARIF output", () => {
  it("validates against the official SARIF 2.1.0 schema", () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const ok = validate(sarif);
    expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 5))).toEqual([]);
    expect(ok).toBe(true);
  });

  it("has zero errors under the multitool's Gh;Sarif rules", () => {
    const bin = multitool();
    expect(bin, "the multitool binary ships with @microsoft/sarif-multitool-linux").toBeTruthy();
    const out = join(dirname(sarifPath), `${Date.now()}-validation.sarif`);
    const r = spawnSync(bin!, ["validate", "--rule-kind", "Gh;Sarif", "--output", out, sarifPath], { encoding: "utf8" });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const log = JSON.parse(readFileSync(out, "utf8"));
    const problems = (log.runs?.[0]?.results ?? []).filter((x: { level?: string }) => x.level === "error" || x.level === "warning");
    expect(problems.map((p: { ruleId: string; message: { text?: string } }) => `${p.ruleId}: ${p.message?.text ?? ""}`)).toEqual([]);
  });

  it("carries the fields GitHub code scanning uses", () => {
    const run = sarif.runs[0];
    expect(run.originalUriBaseIds.SRCROOT.uri).toMatch(/^file:\/\/\/.*\/$/);
    const rule = run.tool.driver.rules.find((r: { id: string }) => r.id === "github-pat-classic");
    expect(rule.shortDescription.text).toBeTruthy();
    expect(rule.fullDescription.text).toBeTruthy();
    expect(rule.help.text).toBeTruthy();
    expect(rule.help.markdown).toBeTruthy();
    expect(rule.properties.tags).toContain("security");
    expect(rule.properties["security-severity"]).toBe("9.5");
    const res = run.results.find((r: any) => r.locations[0].physicalLocation.artifactLocation.uri.includes("app.env"));
    expect(res.locations[0].physicalLocation.artifactLocation).toEqual({ uri: "src/with%20space/app.env", uriBaseId: "SRCROOT" });
    expect(res.locations[0].physicalLocation.region).toEqual({ startLine: 1, startColumn: 14, endLine: 1, endColumn: 54 });
    expect(res.partialFingerprints.primaryLocationLineHash).toMatch(/^[0-9a-f]{16}:\d+$/);
    expect(res.properties.nhi).toContain("NHI2:2025");
    expect(res.properties.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(res.ruleIndex).toBe(run.tool.driver.rules.findIndex((r: { id: string }) => r.id === res.ruleId));
    expect(res.message.text).not.toMatch(/ghp_[A-Za-z0-9]{36}/);
  });

  it("stays valid with no findings", () => {
    const { dir: d, cleanup: c } = tempDir();
    writeFileSync(join(d, "a.txt"), "clean\n");
    const r = runCli(["scan", d, "-f", "sarif"]);
    expect(r.code).toBe(0);
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    expect(ajv.compile(schema)(JSON.parse(r.stdout))).toBe(true);
    c();
  });
});
