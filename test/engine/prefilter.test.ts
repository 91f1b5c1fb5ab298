import { describe, expect, it } from "vitest";
import { KeywordMatcher } from "../../src/engine/prefilter.js";

describe("KeywordMatcher", () => {
  const m = new KeywordMatcher(["ghp_", "AKIA", "hp_x", "password", "pass"]);

  it("finds every keyword case-insensitively in bytes and strings", () => {
    for (const input of [Buffer.from("xx GHP_abc akia PassWord"), "xx GHP_abc akia PassWord"]) {
      const hits = m.scan(input);
      expect([...hits.found].sort()).toEqual([0, 1, 3, 4]);
    }
  });

  it("finds overlapping keywords through suffix links", () => {
    const hits = m.scan("ghp_x");
    expect([...hits.found].sort()).toEqual([0, 2]);
    expect(hits.positions.get(2)).toEqual([5]);
  });

  it("ignores non-Latin-1 characters and finds nothing in clean input", () => {
    expect(m.scan("😀 nothing here").found.size).toBe(0);
    expect(m.scan(Buffer.alloc(0)).found.size).toBe(0);
  });

  it("caps recorded positions per keyword", () => {
    const hits = m.scan("pass ".repeat(100), 3);
    expect(hits.positions.get(4)).toHaveLength(3);
  });
});
