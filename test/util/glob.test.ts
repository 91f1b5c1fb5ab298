import { describe, expect, it } from "vitest";
import { globMatcher } from "../../src/util/glob.js";

describe("globMatcher", () => {
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
