// Globs without a slash match the file name anywhere; globs with one match the whole relative path.
import { describe, expect, it } from "vitest";
import { globMatcher } from "../../src/util/glob.js";

describe("globMatcher", () => {
  it("matches bare patterns against the file name at any depth", () => {
    const m = globMatcher(["*.lock", ".env"]);
    expect(m("yarn.lock")).toBe(true);
    expect(m("a/b/Cargo.lock")).toBe(true);
    expect(m("deploy/.env")).toBe(true);
    expect(m("src/lock.ts")).toBe(false);
  });

  it("matches patterns with a slash against the path, also when mixed with bare ones", () => {
    const m = globMatcher(["*.lock", "**/locales/**", "fixtures/**"]);
    expect(m("locales/fr.json")).toBe(true);
    expect(m("web/src/locales/de/common.json")).toBe(true);
    expect(m("fixtures/a/b.txt")).toBe(true);
    expect(m("src/fixtures.ts")).toBe(false);
    expect(m("x/yarn.lock")).toBe(true);
  });
});
