// Merging JSON results: one fingerprint in two scans becomes two findings with occurrences 2 and NHI9;
// bad inputs are exit 2; the markdown summary matches its golden file.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli.js";
import { mergeReports } from "../../src/report/merge.js";
import type { Report } from "../../src/model.js";

const FIX = resolve(__dirname, "../../fixtures/report");
const A = join(FIX, "scan-repo-a.json");
const B = join(FIX, "scan-repo-b.json");
const load = (p: string) => JSON.parse(readFileSync(p, "utf8")) as Report;

describe("merging results", () => {
  it("recounts occurrences across inputs and drops exact duplicates", () => {
    const m = mergeReports([load(A), load(B), load(A)], { version: "test" });
    expect(m.findings).toHaveLength(4);
    const shared = m.findings.filter((f) => f.ruleId === "github-pat-classic");
    expect(shared).toHaveLength(2);
    expect(new Set(shared.map((f) => f.fingerprint)).size).toBe(1);
    expect(shared.every((f) => f.occurrences === 2)).toBe(true);
    expect(shared.map((f) => f.location.target).sort()).toEqual(["repo-a", "repo-b"]);
    expect(m.scan.targets).toEqual(["repo-a", "repo-b"]);
    expect(m.scan.stats.files).toBe(9);
  });

  it("drops raw values unless asked and judges lifetimes against one clock", () => {
    const a = load(A);
    a.findings[0].secret.value = "raw-value-that-must-not-survive";
    const m = mergeReports([a], { version: "t", now: new Date("2028-01-01T00:00:00Z") });
    expect(JSON.stringify(m)).not.toContain("raw-value-that-must-not-survive");
    const jwt = m.findings.find((f) => f.ruleId === "jwt")!;
    expect(jwt.lifetime!.expired).toBe(true);
    expect(jwt.lifetime!.remainingSeconds).toBe(0);
    expect(mergeReports([a], { version: "t", keepValues: true }).findings[0].secret.value).toBe("raw-value-that-must-not-survive");
  });

  it("classifies a secret seen in two scans as NHI9 through the CLI", () => {
    const r = runCli(["report", A, B, "-f", "json"]);
    expect(r.code, r.stderr).toBe(0);
    const m = JSON.parse(r.stdout) as Report;
    const shared = m.findings.filter((f) => f.ruleId === "github-pat-classic");
    expect(shared).toHaveLength(2);
    for (const f of shared) {
      expect(f.occurrences).toBe(2);
      expect(f.nhi.map((n) => n.id)).toContain("NHI9:2025");
    }
  });

  it("exits 2 on broken JSON, a foreign schemaVersion or a missing file", () => {
    const { dir, cleanup } = tempDir();
    writeFileSync(join(dir, "broken.json"), "{ not json");
    writeFileSync(join(dir, "v2.json"), JSON.stringify({ ...load(A), schemaVersion: 2 }));
    let r = runCli(["report", join(dir, "broken.json")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("broken.json");
    r = runCli(["report", join(dir, "v2.json")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("schemaVersion 2");
    expect(runCli(["report", join(dir, "nope.json")]).code).toBe(2);
    cleanup();
  });

  it("renders the markdown summary exactly (golden file)", () => {
    const r = runCli(["report", A, B, "-f", "markdown"]);
    expect(r.code).toBe(0);
    const golden = join(FIX, "summary.golden.md");
    if (process.env.UPDATE_GOLDEN) {
      mkdirSync(FIX, { recursive: true });
      writeFileSync(golden, r.stdout);
    }
    expect(r.stdout).toBe(readFileSync(golden, "utf8"));
  });
});
