// PEM body validator: key material between the BEGIN and END lines, in raw, escaped and concatenated forms.
import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isPemBody } from "../../src/engine/validators/pem-body.js";

function body(): string {
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  return pem.split("\n").filter((l) => l && !l.startsWith("-----")).join("\n");
}

describe("pem-body", () => {
  it("accepts a raw body, a JSON-escaped body and a concatenated body", () => {
    const b = body();
    expect(isPemBody(b)).toBe(true);
    expect(isPemBody(b.split("\n").join("\\n"))).toBe(true);
    expect(isPemBody(b.split("\n").join("\\r\\n"))).toBe(true);
    expect(isPemBody(b.split("\n").map((l) => `"${l}" +`).join("\n"))).toBe(true);
  });

  it("accepts RFC 1421 headers and a PGP armour checksum", () => {
    const b = body();
    expect(isPemBody(`Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0011223344556677\n\n${b}`)).toBe(true);
    expect(isPemBody(`Version: GnuPG v2\n\n${b}\n=Ab3x`)).toBe(true);
  });

  it("rejects prose, ellipses, placeholders and short bodies", () => {
    expect(isPemBody("...")).toBe(false);
    expect(isPemBody("<your private key here>")).toBe(false);
    expect(isPemBody("paste the key (base64) here, then save")).toBe(false);
    expect(isPemBody("MIIBVgIBADANBgkq")).toBe(false);
  });
});
