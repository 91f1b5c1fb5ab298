// Catastrophic backtracking guard: every rule regex runs over adversarial inputs within a bound.
// The bound is deliberately loose (this is not a speed test): a linear regex takes milliseconds on
// these inputs, an exponential one takes minutes.
import { describe, expect, it } from "vitest";
import { loadRules } from "../../src/engine/rule-loader.js";
import { compileRule } from "../../src/engine/compile.js";

const defs = loadRules();
const FILLERS = ["a", "A", "0", "9f", " ", "\t", "=", ":", "-", "_", ".", "/", "+", "\"", "'", "a=", "a ", "a:", "%2F", "\\n", "@", "aA0-_."];
const SIZE = 20_000;
const BOUND_MS = 2_000;

function adversarial(keywords: string[]): string[] {
  const out: string[] = [];
  const kws = keywords.length ? keywords : [""];
  for (const kw of kws.slice(0, 4)) {
    for (const f of FILLERS) {
      out.push(kw + f.repeat(Math.ceil(SIZE / f.length)));
      out.push((kw + f.repeat(8)).repeat(Math.ceil(SIZE / (kw.length + 8 * f.length))));
    }
  }
  return out;
}

describe("regex safety", () => {
  for (const def of defs) {
    it(`${def.id} stays linear on adversarial input`, () => {
      const rule = compileRule(def);
      const regexes = [rule.regex, ...(rule.identityRegex ? [rule.identityRegex] : [])];
      for (const input of adversarial(def.keywords)) {
        for (const re of regexes) {
          const t0 = performance.now();
          re.lastIndex = 0;
          let guard = 0;
          while (re.exec(input) && guard++ < 10_000) if (re.lastIndex === 0) break;
          const ms = performance.now() - t0;
          expect(ms, `${def.id} took ${ms.toFixed(0)} ms on ${JSON.stringify(input.slice(0, 30))}…`).toBeLessThan(BOUND_MS);
        }
      }
    });
  }
});
