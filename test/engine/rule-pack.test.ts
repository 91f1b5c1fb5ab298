// Every rule's examples must match and its negative examples must not; the pack must load cleanly.
import { describe, expect, it } from "vitest";
import { loadRules } from "../../src/engine/rule-loader.js";
import { RuleSet } from "../../src/engine/compile.js";
import { testRule } from "../../src/engine/rule-examples.js";

const defs = loadRules();
const pack = new RuleSet(defs);

describe("rule pack", () => {
  it("loads with unique kebab-case ids", () => {
    expect(defs.length).toBeGreaterThan(0);
    expect(new Set(defs.map((d) => d.id)).size).toBe(defs.length);
  });

  it("gives every keyword-less rule a reason", () => {
    for (const d of defs) if (!d.keywords.length) expect(d.noKeywordReason, d.id).toBeTruthy();
  });

  for (const def of defs) {
    it(`${def.id}: examples match, negatives do not`, () => {
      expect(testRule(def, pack)).toEqual([]);
    });
  }
});
