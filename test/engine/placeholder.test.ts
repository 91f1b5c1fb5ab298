// The shared placeholder filter: templates, masks and documentation markers are not secrets.
import { describe, expect, it } from "vitest";
import { isPlaceholder } from "../../src/engine/placeholder.js";
import { randomString } from "../helpers/tokens.js";

describe("placeholder filter", () => {
  it("rejects interpolations and lookups of every common syntax", () => {
    for (const v of ["${DB_PASSWORD}", "$DB_PASSWORD", "%DB_PASSWORD%", "{{ vault_pw }}", "#{password}", "<%= ENV['PW'] %>", "%(password)s", "{0}", "process.env.DB_PW", "os.environ['PW']", "getenv(\"PW\")"]) {
      expect(isPlaceholder(v), v).toBe(true);
    }
  });

  it("rejects documentation markers, including HTML-escaped ones", () => {
    for (const v of ["&lt;YOUR_TOKEN&gt;", "a1b2c3d4e5f6g7h8", "abcdefg12345", "********", "<api-key>"]) {
      expect(isPlaceholder(v), v).toBe(true);
    }
  });

  it("rejects bare default words unless the rule accepts weak defaults", () => {
    for (const v of ["secret", "admin", "root", "Test"]) {
      expect(isPlaceholder(v), v).toBe(true);
      expect(isPlaceholder(v, { allowWeakDefaults: true }), v).toBe(false);
    }
    // Non-values stay placeholders in every mode.
    for (const v of ["null", "None", "true", "username", "password", "pwd"]) expect(isPlaceholder(v, { allowWeakDefaults: true }), v).toBe(true);
    expect(isPlaceholder("${PW}", { allowWeakDefaults: true })).toBe(true);
  });

  it("keeps random key material", () => {
    for (let i = 0; i < 50; i++) {
      const v = randomString(32);
      // A random draw may contain a run or sequence the filter treats as a placeholder; skip those.
      if (/(.)\1{7,}|0123456789|123456789|abcdefg|a1b2c3/i.test(v)) continue;
      expect(isPlaceholder(v), v).toBe(false);
    }
  });
});
