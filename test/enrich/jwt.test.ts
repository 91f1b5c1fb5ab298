// JWT decoding for lifetimes: NumericDates in seconds, floats and milliseconds, no exp, embedded
// tokens, and malformed input that must never decode (or throw).
import { describe, expect, it } from "vitest";
import { decodeJwt, findJwt, jwtLifetime } from "../../src/enrich/lifetime/jwt.js";
import { computeLifetime } from "../../src/enrich/lifetime/reading.js";
import { parseNumericDate } from "../../src/enrich/lifetime/time.js";
import { epoch, hs256Jwt, unsignedJwt } from "../helpers/lifetime-tokens.js";

const NOW = new Date("2026-11-21T10:00:00Z");
const T0 = epoch("2026-11-21T09:00:00Z");

function lifetimeOf(token: string, taskEnd: Date | null = null) {
  const jwt = findJwt(token);
  expect(jwt, token).not.toBeNull();
  return computeLifetime(jwtLifetime(jwt!), NOW, taskEnd);
}

describe("NumericDate", () => {
  it("reads seconds, floats, milliseconds and numeric strings", () => {
    expect(parseNumericDate(1_800_000_000)).toEqual({ ms: 1_800_000_000_000, milliseconds: false });
    expect(parseNumericDate(1_800_000_000.25)).toEqual({ ms: 1_800_000_000_250, milliseconds: false });
    expect(parseNumericDate(1_800_000_000_123)).toEqual({ ms: 1_800_000_000_123, milliseconds: true });
    expect(parseNumericDate("1800000000")?.ms).toBe(1_800_000_000_000);
  });
  it("rejects what is not a date", () => {
    for (const v of [null, undefined, "soon", -5, 0, Number.NaN, Infinity, 1e20, {}, [1], true]) expect(parseNumericDate(v)).toBeNull();
  });
});

describe("JWT lifetime", () => {
  it("reads iat, nbf and exp in seconds", () => {
    const lt = lifetimeOf(hs256Jwt({ sub: "svc", iat: T0, nbf: T0 - 60, exp: T0 + 7200 }));
    expect(lt).toEqual({
      kind: "jwt",
      basis: "exp claim",
      issuedAt: "2026-11-21T09:00:00.000Z",
      notBefore: "2026-11-21T08:59:00.000Z",
      expiresAt: "2026-11-21T11:00:00.000Z",
      lifetimeSeconds: 7200,
      expired: false,
      remainingSeconds: 3600,
      taskEnd: null,
      outlivesTask: null,
      residualSeconds: null,
    });
  });

  it("reads float NumericDates (rounded to whole seconds in figures)", () => {
    const lt = lifetimeOf(hs256Jwt({ iat: T0 + 0.25, exp: T0 + 3600.75 }));
    expect(lt.issuedAt).toBe("2026-11-21T09:00:00.250Z");
    expect(lt.expiresAt).toBe("2026-11-21T10:00:00.750Z");
    expect(lt.lifetimeSeconds).toBe(3601);
    expect(lt.expired).toBe(false);
    expect(lt.remainingSeconds).toBe(1);
  });

  it("reads values written in milliseconds and says so", () => {
    const lt = lifetimeOf(hs256Jwt({ iat: T0 * 1000, exp: (T0 + 1800) * 1000 }));
    expect(lt.expiresAt).toBe("2026-11-21T09:30:00.000Z");
    expect(lt.lifetimeSeconds).toBe(1800);
    expect(lt.expired).toBe(true);
    expect(lt.remainingSeconds).toBe(0);
    expect(lt.basis).toContain("milliseconds");
  });

  it("a token without exp never expires and has no lifetime figure", () => {
    const lt = lifetimeOf(hs256Jwt({ sub: "svc", iat: T0 }), new Date("2026-11-21T09:30:00Z"));
    expect(lt.kind).toBe("jwt");
    expect(lt.basis).toBe("no exp claim");
    expect(lt.expiresAt).toBeNull();
    expect(lt.lifetimeSeconds).toBeNull();
    expect(lt.expired).toBe(false);
    expect(lt.remainingSeconds).toBeNull();
    expect(lt.outlivesTask).toBe(true);
    expect(lt.residualSeconds).toBeNull();
    expect(lt.maxSeconds).toBeUndefined();
  });

  it("a token with exp but no iat has no lifetime figure (never guessed)", () => {
    const lt = lifetimeOf(hs256Jwt({ exp: T0 + 86400, nbf: T0 }));
    expect(lt.lifetimeSeconds).toBeNull();
    expect(lt.notBefore).toBe("2026-11-21T09:00:00.000Z");
    expect(lt.remainingSeconds).toBe(86400 - 3600);
  });

  it("compares expiry with the task end", () => {
    const tok = hs256Jwt({ iat: T0, exp: T0 + 3600 });
    const before = lifetimeOf(tok, new Date("2026-11-21T09:40:00Z"));
    expect(before.outlivesTask).toBe(true);
    expect(before.residualSeconds).toBe(1200);
    expect(before.taskEnd).toBe("2026-11-21T09:40:00.000Z");
    const after = lifetimeOf(tok, new Date("2026-11-21T10:30:00Z"));
    expect(after.outlivesTask).toBe(false);
    expect(after.residualSeconds).toBeNull();
  });

  it("expired is true exactly at exp", () => {
    expect(lifetimeOf(hs256Jwt({ exp: epoch("2026-11-21T10:00:00Z") })).expired).toBe(true);
    expect(lifetimeOf(hs256Jwt({ exp: epoch("2026-11-21T10:00:01Z") })).expired).toBe(false);
  });
});

describe("finding a JWT", () => {
  const tok = hs256Jwt({ sub: "svc", aud: ["a", "b"], exp: T0 });

  it("decodes the token itself, with aud as an array", () => {
    const d = decodeJwt(tok)!;
    expect(d.header.alg).toBe("HS256");
    expect(d.payload.aud).toEqual(["a", "b"]);
    expect(d.signatureLength).toBe(43);
    expect(d).not.toHaveProperty("signature");
  });

  it("finds a token inside a longer secret", () => {
    for (const s of [`Bearer ${tok}`, `"${tok}"`, `Authorization: Bearer%20${tok}`, `${tok}.`, `ghs_123456_${tok}`]) {
      expect(findJwt(s)?.payload.sub, s).toBe("svc");
    }
  });

  it("decodes unsecured tokens and records alg none", () => {
    const d = findJwt(unsignedJwt({ sub: "x", exp: T0 }))!;
    expect(d.alg).toBe("none");
    expect(d.signatureLength).toBe(0);
  });

  it("accepts padded base64url and standard base64 alphabets", () => {
    const [h, p, s] = tok.split(".");
    const pad = (x: string) => x + "=".repeat((4 - (x.length % 4)) % 4);
    expect(decodeJwt(`${pad(h)}.${pad(p)}.${s}`)?.payload.sub).toBe("svc");
  });

  it("never decodes malformed tokens, and never throws", () => {
    const [h, , s] = tok.split(".");
    const notJson = Buffer.from("this is not json").toString("base64url");
    const arrayPayload = Buffer.from("[1,2,3]").toString("base64url");
    const huge = Buffer.from(JSON.stringify({ sub: "x", pad: "A".repeat(200_000) })).toString("base64url");
    const cases = [
      `${h}.${notJson}.${s}`,
      `${h}.${arrayPayload}.${s}`,
      `${h}.%%%bad-base64***.${s}`,
      `${h}.eyJzdWIiOiJ4.${s}`, // truncated JSON
      `${h}.${huge}.${s}`,
      `${Buffer.from('{"foo":1}').toString("base64url")}.${Buffer.from('{"sub":"x"}').toString("base64url")}.${s}`, // header without alg/typ
      "eyJhbGciOiJIUzI1NiJ9",
      "example.com.org",
      "a.b.c.d.e",
      ".".repeat(100_000),
      "",
    ];
    for (const c of cases) {
      expect(() => findJwt(c)).not.toThrow();
      expect(findJwt(c), c.slice(0, 60)).toBeNull();
    }
  });
});
