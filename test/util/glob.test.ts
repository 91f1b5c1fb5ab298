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

  it("matches patterns with a slash against the whole path", () => {
    const m = globMatcher(["fixtures/**", "src/*.ts"]);
    expect(m("fixtures/x.env")).toBe(true);
    expect(m("fixtures/deep/y.env")).toBe(true);
    expect(m("src/a.ts")).toBe(true);
    expect(m("src/sub/a.ts")).toBe(false);
    expect(m("other/fixtures/x.env")).toBe(false);
  });

  it("matches a pattern without a slash against the file name anywhere, dotfiles included", () => {
    const m = globMatcher(["*.env", ".npmrc"]);
    expect(m("a/b/c.env")).toBe(true);
    expect(m("deep/.npmrc")).toBe(true);
    expect(m("c.txt")).toBe(false);
  });

  it("matches nothing when empty", () => {
    expect(globMatcher([])("a")).toBe(false);
  });
});
