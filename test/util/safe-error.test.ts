// Parser messages quote their input; warnings built from them must not carry a secret.
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { safeErrorMessage } from "../../src/util/safe-error.js";
import { githubToken } from "../helpers/tokens.js";

describe("safeErrorMessage", () => {
  it("drops the input Node's JSON.parse quotes", () => {
    const tok = githubToken();
    let msg = "";
    try {
      JSON.parse(`{"a": ${tok}}`);
    } catch (e) {
      msg = safeErrorMessage(e);
    }
    expect(msg).toMatch(/^Unexpected token/);
    expect(msg).not.toContain(tok.slice(4, 10));
    expect(msg).not.toMatch(/["']/);
  });

  it("keeps only the first line of a YAML error (the rest prints the source)", () => {
    const tok = githubToken();
    const doc = parseDocument(`a: b: ${tok}\n  - [`);
    expect(doc.errors.length).toBeGreaterThan(0);
    for (const e of doc.errors) expect(safeErrorMessage(e)).not.toContain(tok.slice(4, 10));
  });

  it("bounds the length and never returns an empty message", () => {
    expect(safeErrorMessage(new Error("x".repeat(500))).length).toBeLessThanOrEqual(160);
    expect(safeErrorMessage(new Error('"only quoted"'))).toBe("parse error");
    expect(safeErrorMessage(new Error('Bad control character in string literal in JSON at position 12 (line 1 column 13)'))).toContain("position 12");
    expect(safeErrorMessage(new Error(""))).toBe("parse error");
  });
});
