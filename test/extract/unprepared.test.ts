// Without the one-time preparation (a worker that forgot it), SQLite and zip artifacts degrade to a
// warning and a raw scan instead of failing. This file must not prepare the extractors.
import { describe, expect, it } from "vitest";
import { extract } from "../../src/extract/index.js";
import { githubToken } from "../helpers/tokens.js";
import { agentsSessionDb, githubActionsLog, githubActionsLogZip } from "../helpers/artifacts.js";

describe("extract without prepareExtractors()", () => {
  it("scans a SQLite file as raw bytes with a warning", async () => {
    const token = githubToken();
    const bytes = await agentsSessionDb(token);
    const ex = extract({ origin: { kind: "file", target: ".", path: "s.db" }, bytes });
    expect(ex.warnings[0]).toMatch(/not initialised/);
    expect(ex.segments).toHaveLength(1);
    expect((ex.segments[0].data as Buffer).includes(token)).toBe(true);
  });

  it("reports a zip archive as not scanned", () => {
    const ex = extract({ origin: { kind: "file", target: ".", path: "logs.zip" }, bytes: githubActionsLogZip(githubActionsLog(githubToken("ghs"))) });
    expect(ex.warnings[0]).toMatch(/not initialised/);
  });
});
