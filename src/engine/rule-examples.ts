// Runs every rule's examples and negative examples: the rule pack's own unit tests, used by
// `nhi-scan rules test` and the test suite.
import type { Match } from "../model.js";
import { RuleSet } from "./compile.js";
import type { RuleDef, RuleExample } from "./rule-schema.js";
import { detectContext, detectSegment, resolveOverlaps } from "./detect.js";
import { extract } from "../extract/index.js";

/**
 * Examples break tokens with the marker "{{}}" so this repository's own files never hold a
 * well-formed credential (push protection and other scanners stay quiet); it is removed before use.
 */
export const EXAMPLE_SPLIT_MARKER = "{{}}";

/** The example text with split markers removed. */
export function exampleText(e: RuleExample | string | { text: string }): string {
  return (typeof e === "string" ? e : e.text).split(EXAMPLE_SPLIT_MARKER).join("");
}

/** Detect with a rule set over a text, as the scanner would on a file at `path`. */
export function detectText(rules: RuleSet, text: string, path = "example.txt"): Match[] {
  const bytes = Buffer.from(text, "utf8");
  const blob = { origin: { kind: "file" as const, target: ".", path }, bytes };
  const ctx = detectContext(path, bytes);
  const ex = extract(blob);
  const out: Match[] = [];
  for (const seg of ex.segments) out.push(...detectSegment(seg, rules, ctx));
  return resolveOverlaps(out, rules);
}

export interface ExampleFailure {
  ruleId: string;
  kind: "example" | "negative" | "pack";
  index: number;
  message: string;
}

/** Run one rule's examples in isolation and, for positives, through the whole pack. */
export function testRule(def: RuleDef, pack?: RuleSet): ExampleFailure[] {
  const failures: ExampleFailure[] = [];
  const alone = new RuleSet([def]);
  def.examples.forEach((e, i) => {
    const text = exampleText(e);
    const path = typeof e === "string" ? undefined : e.path;
    const ms = detectText(alone, text, path);
    if (!ms.length) {
      failures.push({ ruleId: def.id, kind: "example", index: i, message: `example ${i + 1} did not match` });
      return;
    }
    if (typeof e !== "string" && e.secret !== undefined) {
      const want = exampleText(e.secret);
      if (!ms.some((m) => m.secret === want)) {
        failures.push({ ruleId: def.id, kind: "example", index: i, message: `example ${i + 1} captured a different secret (length ${ms[0].secret.length}, expected ${want.length})` });
      }
    }
    if (typeof e !== "string" && e.identity !== undefined) {
      const want = exampleText(e.identity);
      if (!ms.some((m) => m.identity === want)) {
        failures.push({ ruleId: def.id, kind: "example", index: i, message: `example ${i + 1} did not find the identity` });
      }
    }
    if (pack && !detectText(pack, text, path).length) {
      failures.push({ ruleId: def.id, kind: "pack", index: i, message: `example ${i + 1} is found alone but lost in the full pack` });
    }
  });
  def.negativeExamples.forEach((e, i) => {
    const text = exampleText(e);
    const path = typeof e === "string" ? undefined : e.path;
    if (detectText(alone, text, path).length) {
      failures.push({ ruleId: def.id, kind: "negative", index: i, message: `negative example ${i + 1} matched` });
    }
  });
  return failures;
}

/** Run every rule's examples. */
export function testRules(defs: RuleDef[]): ExampleFailure[] {
  const pack = new RuleSet(defs);
  return defs.flatMap((d) => testRule(d, pack));
}
