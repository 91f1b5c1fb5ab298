import { describe, expect, it } from "vitest";
import { RuleSet } from "../../src/engine/compile.js";
import { detectText } from "../../src/engine/rule-examples.js";
import type { RuleDef } from "../../src/engine/rule-schema.js";
import { RuleSchema } from "../../src/engine/rule-schema.js";

function rule(partial: Record<string, unknown>): RuleDef {
  const base = { name: "n", description: "d", severity: "high", confidence: "high", examples: ["x"], family: "test" };
  return { ...RuleSchema.parse({ ...base, ...partial }), family: "test" } as RuleDef;
}

describe("detection", () => {
  const specific = rule({ id: "acme-key", keywords: ["acme_"], pattern: "(acme_[a-z0-9]{16})" });
  const generic = rule({ id: "generic-any", keywords: ["key"], pattern: "key\\s*=\\s*(\\S{16,})", tags: ["generic"], confidence: "low" });
  const pair = rule({
    id: "acme-secret",
    keywords: ["acme_secret"],
    pattern: "acme_secret\\s*=\\s*([A-Za-z0-9]{24})",
    identity: { pattern: "\\b(ACMEID[0-9]{6})\\b", within: 200 },
  });
  const lone = rule({ id: "acme-id", keywords: ["acmeid"], pattern: "\\b(ACMEID[0-9]{6})\\b", confidence: "medium", tags: ["identifier"] });
  const rs = new RuleSet([specific, generic, pair, lone]);

  it("runs only rules whose keywords occur", () => {
    expect(rs.candidates("nothing")).toEqual([]);
    expect(rs.candidates("ACME_abc")).toEqual([0]);
  });

  it("keeps a prefixed token with a hand-typed run at low confidence, but a generic rule drops it", () => {
    const typed = detectText(rs, "token: acme_123456789q9w8e7r\n");
    expect(typed.map((m) => [m.ruleId, m.downgraded])).toEqual([["acme-key", true]]);
    expect(detectText(rs, "key = 1234567890qwxzrtplmn\n")).toEqual([]);
    expect(detectText(rs, "token: acme_abcdefghij012345\n")).toEqual([]);
  });

  it("judges placeholders on the `random` group only, so a format's fixed filler is no typed-in run", () => {
    const structured = new RuleSet([rule({ id: "acme-cask", keywords: ["ZZQ"], pattern: "(?<secret>(?<random>[A-Za-z0-9]{12})ZZQAAAAAAAAAAS)" })]);
    const found = detectText(structured, "k = q8W7e6R5t4Y3ZZQAAAAAAAAAAS\n");
    expect(found.map((m) => [m.ruleId, m.secret, m.groups])).toEqual([["acme-cask", "q8W7e6R5t4Y3ZZQAAAAAAAAAAS", undefined]]);
    expect(detectText(structured, "k = xxxxxxxxxxxxZZQAAAAAAAAAAS\n")).toEqual([]);
  });

  it("lets a specific rule beat a generic one on the same bytes", () => {
    const ms = detectText(rs, "key = acme_q8w7e6r5t4y3u2i1\n");
    expect(ms.map((m) => m.ruleId)).toEqual(["acme-key"]);
  });

  it("pairs a secret with its identity and folds the lone id into it", () => {
    const ms = detectText(rs, "id ACMEID123456\nacme_secret = Zq8vN3kP0sLw2XyT7rB5mC1d\n");
    expect(ms).toHaveLength(1);
    expect(ms[0].ruleId).toBe("acme-secret");
    expect(ms[0].identity).toBe("ACMEID123456");
    expect(ms[0].startPos).toEqual({ line: 2, column: 15 });
  });

  it("reports a lone id on its own", () => {
    expect(detectText(rs, "ACMEID654321\n").map((m) => m.ruleId)).toEqual(["acme-id"]);
  });

  it("honours the inline allow marker and rule path allowlists", () => {
    expect(detectText(rs, "acme_q8w7e6r5t4y3u2i1 # nhi-scan:allow\n")).toEqual([]);
    const scoped = new RuleSet([rule({ id: "acme-key", keywords: ["acme_"], pattern: "(acme_[a-z0-9]{16})", allow: { paths: ["**/*.md"] } })]);
    expect(detectText(scoped, "acme_q8w7e6r5t4y3u2i1", "docs/a.md")).toEqual([]);
    expect(detectText(scoped, "acme_q8w7e6r5t4y3u2i1", "src/a.ts")).toHaveLength(1);
  });

  it("applies entropy minimums and allow patterns", () => {
    const strict = new RuleSet([rule({ id: "acme-key", keywords: ["acme_"], pattern: "(acme_[a-z0-9]{16})", entropy: 3.5, allow: { patterns: ["^acme_test"] } })]);
    expect(detectText(strict, "acme_aabbaabbaabbaabb")).toEqual([]);
    expect(detectText(strict, "acme_test9x8c7v6b5n4")).toEqual([]);
    expect(detectText(strict, "acme_q8w7e6r5t4y3u2i1")).toHaveLength(1);
  });

  it("rejects a rule without keywords and without a reason", () => {
    expect(() => RuleSchema.parse({ id: "x", name: "n", description: "d", pattern: "a", severity: "low", confidence: "low", examples: ["a"] })).toThrow();
  });
});
