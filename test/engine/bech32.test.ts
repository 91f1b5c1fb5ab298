// Bech32 checksum validator: BIP-173 test vectors and age secret keys generated at run time.
import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { encodeBech32, verifyBech32 } from "../../src/engine/validators/bech32.js";
import { validate } from "../../src/engine/validators/index.js";

function ageSecretKey(): string {
  const data = Array.from({ length: 52 }, () => randomInt(32));
  return encodeBech32("age-secret-key-", data).toUpperCase();
}

describe("bech32", () => {
  it("accepts the BIP-173 valid vectors", () => {
    for (const v of ["A12UEL5L", "a12uel5l", "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw", "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w"]) {
      expect(verifyBech32(v), v).toBe(true);
    }
  });

  it("rejects bad checksums, mixed case and characters outside the alphabet", () => {
    expect(verifyBech32("a12uel5m")).toBe(false);
    expect(verifyBech32("A12uEL5L")).toBe(false);
    expect(verifyBech32("abcdef1bpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw")).toBe(false);
    expect(verifyBech32("no-separator")).toBe(false);
  });

  it("validates generated age secret keys and rejects a changed character", () => {
    const key = ageSecretKey();
    expect(key).toMatch(/^AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}$/);
    expect(validate("bech32", key)).toBe(true);
    const i = 20;
    const swapped = key.slice(0, i) + (key[i] === "Q" ? "P" : "Q") + key.slice(i + 1);
    expect(validate("bech32", swapped)).toBe(false);
  });
});
