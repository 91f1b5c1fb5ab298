import { describe, expect, it } from "vitest";
import type { Finding, Report } from "../../src/model.js";
import { applyBaseline, applyIgnore, buildBaseline, parseBaseline, parseIgnoreFile, suppressionCounts } from "../../src/report/baseline.js";

const fp = (c: string) => c.repeat(64);
function finding(fingerprint: string, path: string, extra: Partial<Finding> = {}): Finding {
  return {
    fingerprint,
    ruleId: "r",
    ruleName: "R",
    family: "f",
    severity: "high",
    confidence: "high",
    secret: { redacted: "x…y", length: 20, sha256: "0" },
    location: { target: ".", path, line: 1, column: 1, endLine: 1, endColumn: 2, kind: "file" },
    artifact: "plain",
    nhi: [],
    occurrences: 1,
    ...extra,
  };
}
function report(findings: Finding[]): Report {
  return {
    schemaVersion: 1,
    tool: { name: "nhi-scan", version: "0" },
    scan: { startedAt: "", finishedAt: "", now: "", targets: ["."], source: "filesystem", stats: { files: 0, blobs: 0, bytes: 0, skipped: { binary: 0, tooLarge: 0, unreadable: 0 }, durationMs: 0 } },
    findings,
    errors: [],
  };
}

describe("baseline", () => {
  it("round-trips: build from a report, parse, apply marks exactly the recorded ones", () => {
    const r1 = report([finding(fp("a"), "x.env"), finding(fp("a"), "y.env"), finding(fp("b"), "z.env"), finding(fp("c"), "w.env", { suppressed: { by: ".nhi-scanignore" } })]);
    const doc = buildBaseline(r1, null, "2026-01-01T00:00:00Z");
    expect(doc.findings.map((e) => [e.fingerprint, e.locations])).toEqual([
      [fp("a"), ["x.env:1", "y.env:1"]],
      [fp("b"), ["z.env:1"]],
    ]);
    const base = parseBaseline(JSON.stringify(doc), "b.json");
    const r2 = report([finding(fp("a"), "moved.env"), finding(fp("d"), "new.env")]);
    applyBaseline(r2, base);
    expect(r2.findings.map((f) => [f.baselineState, f.suppressed?.by])).toEqual([
      ["unchanged", "baseline"],
      ["new", undefined],
    ]);
    expect(suppressionCounts(r2.findings)).toEqual(new Map([["baseline", 1]]));
  });

  it("accepts a JSON report as a baseline and rejects other JSON", () => {
    const b = parseBaseline(JSON.stringify(report([finding(fp("e"), "a")])), "r.json");
    expect([...b.entries.keys()]).toEqual([fp("e")]);
    expect(() => parseBaseline("{}", "x.json")).toThrow(/not a baseline/);
    expect(() => parseBaseline("{", "x.json")).toThrow(/not valid JSON/);
    expect(() => parseBaseline(JSON.stringify({ version: 1, findings: [{ fingerprint: "abc" }] }), "x.json")).toThrow(/fingerprint/);
  });
});

describe("ignore file", () => {
  it("takes fingerprints and globs with comments above or after, and warns about bare entries", () => {
    const rules = parseIgnoreFile(`# rotated 2026-01\n${fp("a")}\n\nfixtures/**  # fake data\n*.snap\ndeadbeef12\n`, ".nhi-scanignore");
    expect(rules.fingerprints.get(fp("a"))!.comment).toBe("rotated 2026-01");
    expect(rules.paths.map((p) => [p.entry.value, p.entry.comment])).toEqual([
      ["fixtures/**", "fake data"],
      ["*.snap", null],
      ["deadbeef12", null],
    ]);
    expect(rules.warnings.join("\n")).toMatch(/"\*\.snap" has no comment/);
    expect(rules.warnings.join("\n")).toMatch(/shortened fingerprint/);
    const r = report([finding(fp("a"), "src/a"), finding(fp("b"), "fixtures/deep/b"), finding(fp("c"), "ui/x.snap"), finding(fp("d"), "src/d")]);
    applyIgnore(r, rules);
    expect(r.findings.map((f) => f.suppressed?.reason ?? null)).toEqual(["rotated 2026-01", "fake data", ".nhi-scanignore:5", null]);
  });
});
