// The basic-auth validator decides whether an `Authorization: Basic` value really carries user:password.
import { describe, expect, it } from "vitest";
import { decodeBasicAuth, isBasicAuth } from "../../src/engine/validators/basic-auth.js";
import { validate } from "../../src/engine/validators/index.js";
import { randomString } from "../helpers/tokens.js";

const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");

describe("basic-auth validator", () => {
  it("accepts user:password with a real password", () => {
    const pass = randomString(18);
    expect(isBasicAuth(b64(`svc-deploy:${pass}`))).toBe(true);
    expect(decodeBasicAuth(b64(`svc-deploy:${pass}`))).toEqual({ user: "svc-deploy", password: pass });
    expect(validate("basic-auth", b64(`ci:${pass}`))).toBe(true);
  });

  it("accepts an empty user with a token as password (token-as-password schemes)", () => {
    expect(isBasicAuth(b64(`:${randomString(40)}`))).toBe(true);
  });

  it("keeps colons inside the password", () => {
    expect(decodeBasicAuth(b64("alice:a:b:c"))).toEqual({ user: "alice", password: "a:b:c" });
  });

  it("rejects values without a colon, with an empty password, or with placeholder passwords", () => {
    expect(isBasicAuth(b64(randomString(24)))).toBe(false);
    expect(isBasicAuth(b64("alice:"))).toBe(false);
    expect(isBasicAuth(b64("user:password"))).toBe(false);
    expect(isBasicAuth(b64("user:${PASSWORD}"))).toBe(false);
    expect(isBasicAuth(b64("your_user:your_password"))).toBe(false);
  });

  it("rejects words, binary and non-canonical base64", () => {
    expect(isBasicAuth("authentication")).toBe(false);
    expect(isBasicAuth(Buffer.from([0xff, 0x00, 0x3a, 0x41, 0x42]).toString("base64"))).toBe(false);
    expect(isBasicAuth("not base64!")).toBe(false);
    // Same bytes as a valid value but with non-zero padding bits: not what an encoder writes.
    const good = b64("bob:hunter22");
    expect(isBasicAuth(good)).toBe(true);
    expect(isBasicAuth(good.slice(0, -1) + (good.at(-1) === "A" ? "B" : "A"))).toBe(false);
  });
});
