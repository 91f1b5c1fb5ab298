import { describe, expect, it } from "vitest";
import { gitMode } from "../../src/cli/git-command.js";
import { UsageError } from "../../src/cli/errors.js";

const now = new Date("2026-03-01T00:00:00Z");

describe("gitMode", () => {
  it("defaults to the whole history of every ref", () => {
    expect(gitMode({}, now)).toEqual({ kind: "history", refs: [], since: undefined, maxCount: undefined });
  });

  it("turns --since dates and durations into an instant, and validates --max-count", () => {
    expect(gitMode({ since: "90d" }, now)).toMatchObject({ since: "2025-12-01T00:00:00Z" });
    expect(gitMode({ since: "2025-01-31" }, now)).toMatchObject({ since: "2025-01-31T00:00:00Z" });
    expect(gitMode({ branch: ["main", "dev"], maxCount: "20" }, now)).toEqual({ kind: "history", refs: ["main", "dev"], since: undefined, maxCount: 20 });
    for (const bad of ["-1", "1.5", "ten", "0"]) expect(() => gitMode({ maxCount: bad }, now), bad).toThrow(UsageError);
    expect(() => gitMode({ since: "last tuesday" }, now)).toThrow(UsageError);
  });

  it("keeps --range and --staged apart from the history filters", () => {
    expect(gitMode({ range: "a..b" }, now)).toEqual({ kind: "range", range: "a..b" });
    expect(gitMode({ staged: true }, now)).toEqual({ kind: "staged" });
    expect(() => gitMode({ staged: true, branch: ["x"] }, now)).toThrow(/cannot be combined/);
    expect(() => gitMode({ range: "a..b", since: "1d" }, now)).toThrow(/cannot be combined/);
  });
});
