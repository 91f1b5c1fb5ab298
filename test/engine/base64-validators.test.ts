// The base64 validators used by cloud and key-material rules: decoded private keys and docker auth pairs.
import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decodeBase64Head, isBase64PrivateKey } from "../../src/engine/validators/base64-private-key.js";
import { decodeBasicAuth, isBase64BasicAuth } from "../../src/engine/validators/base64-basic-auth.js";
import { validate } from "../../src/engine/validators/index.js";

const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");

function pkcs8Pem(): string {
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  return privateKey.export({ type: "pkcs8", format: "pem" }).toString();
}

describe("base64-private-key", () => {
  it("accepts base64 of a PEM private key, single-line or wrapped", () => {
    const enc = b64(pkcs8Pem());
    expect(isBase64PrivateKey(enc)).toBe(true);
    expect(isBase64PrivateKey(enc.replace(/(.{76})/g, "$1\n"))).toBe(true);
    expect(validate("base64-private-key", enc)).toBe(true);
  });

  it("accepts base64 of RSA and OpenSSH headers and of a service-account JSON", () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
    expect(isBase64PrivateKey(b64(privateKey.export({ type: "pkcs1", format: "pem" }).toString()))).toBe(true);
    const sa = JSON.stringify({ type: "service_account", project_id: "p", private_key_id: "k", private_key: pkcs8Pem() }, null, 2);
    expect(isBase64PrivateKey(b64(sa))).toBe(true);
  });

  it("rejects certificates, public keys, plain text and non-base64", () => {
    const { publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    expect(isBase64PrivateKey(b64(publicKey.export({ type: "spki", format: "pem" }).toString()))).toBe(false);
    expect(isBase64PrivateKey(b64("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"))).toBe(false);
    expect(isBase64PrivateKey(b64("just some text that is long enough to decode to something"))).toBe(false);
    expect(isBase64PrivateKey("LS0tLS1CRUdJTi!!not base64")).toBe(false);
  });

  it("decodes only the head of very long input", () => {
    const buf = decodeBase64Head("QUFB".repeat(10_000));
    expect(buf!.length).toBeLessThanOrEqual(3072);
  });
});

describe("base64-basic-auth", () => {
  it("accepts base64 of user:password", () => {
    expect(isBase64BasicAuth(b64("robot$ci:Xk2v9QpLw7mZ"))).toBe(true);
    expect(decodeBasicAuth(b64("alice:p:a:ss"))).toEqual({ user: "alice", password: "p:a:ss" });
    expect(validate("base64-basic-auth", b64("alice:Tq84mLw0"))).toBe(true);
  });

  it("rejects missing halves, binary, placeholders and non-base64", () => {
    expect(isBase64BasicAuth(b64("alice:"))).toBe(false);
    expect(isBase64BasicAuth(b64(":secret"))).toBe(false);
    expect(isBase64BasicAuth(b64("no colon here"))).toBe(false);
    expect(isBase64BasicAuth(Buffer.from([0x61, 0x3a, 0x00, 0xff, 0xfe]).toString("base64"))).toBe(false);
    expect(isBase64BasicAuth(b64("alice:password"))).toBe(false);
    expect(isBase64BasicAuth(b64("alice:${DOCKER_PASSWORD}"))).toBe(false);
    expect(isBase64BasicAuth("not*base64")).toBe(false);
  });
});
