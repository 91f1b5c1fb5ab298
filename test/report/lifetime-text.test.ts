// The lifetime line of the text report, in the wording.
import { describe, expect, it } from "vitest";
import { lifetimeSentence } from "../../src/report/lifetime-text.js";
import { lifetimeSummary } from "../../src/report/text.js";
import type { Finding, Lifetime } from "../../src/model.js";

const base: Lifetime = {
  kind: "jwt", basis: "exp claim", issuedAt: null, notBefore: null, expiresAt: null, lifetimeSeconds: null,
  expired: false, remainingSeconds: null, taskEnd: null, outlivesTask: null, residualSeconds: null,
};
const NOW = new Date("2026-11-21T10:00:00Z");

describe("lifetime sentence", () => {
  it("far expiry: date only; outlived task with its end time", () => {
    expect(lifetimeSentence({ ...base, expiresAt: "2027-11-21T10:00:00.000Z", remainingSeconds: 364 * 86400, taskEnd: "2026-11-21T10:02:00.000Z", outlivesTask: true, residualSeconds: 364 * 86400 }, NOW)).toBe(
      "expires 2027-11-21 (in 364 d); outlived its task (ended 2026-11-21 10:02Z) by 364 d",
    );
  });
  it("near expiry keeps the time; expired says how long ago", () => {
    expect(lifetimeSentence({ ...base, expiresAt: "2026-11-21T10:05:00.000Z", remainingSeconds: 300, lifetimeSeconds: 600 }, NOW)).toBe("expires 2026-11-21 10:05Z (in 5 min); issued for 10 min");
    expect(lifetimeSentence({ ...base, expiresAt: "2026-11-21T09:00:00.000Z", expired: true, remainingSeconds: 0 }, NOW)).toBe("expired 2026-11-21 09:00Z (60 min ago)");
  });
  it("never expires, forever past its task; implied maximum with unknown expiry", () => {
    expect(lifetimeSentence({ ...base, kind: "implied", basis: "AKIA: long-term IAM user key", taskEnd: "2026-11-21T10:02:00.000Z", outlivesTask: true })).toBe(
      "never expires (AKIA: long-term IAM user key); outlives its task (ended 2026-11-21 10:02Z) forever",
    );
    expect(lifetimeSentence({ ...base, kind: "implied", basis: "ghs_: 1 h", maxSeconds: 3600 })).toBe("valid for at most 1 h by design (ghs_: 1 h); exact expiry unknown");
  });
});

describe("lifetime summary", () => {
  const f = (fp: string, lt: Partial<Lifetime>): Finding =>
    ({ fingerprint: fp, lifetime: { ...base, ...lt } }) as unknown as Finding;
  it("counts credentials, not locations, and adds up residual exposure", () => {
    const lines = lifetimeSummary([
      f("a", { expiresAt: "2027-01-01T00:00:00.000Z", outlivesTask: true, residualSeconds: 86400 }),
      f("a", { expiresAt: "2027-01-01T00:00:00.000Z", outlivesTask: true, residualSeconds: 2 * 86400 }),
      f("b", { expiresAt: "2026-01-01T00:00:00.000Z", expired: true, outlivesTask: false }),
      f("c", { kind: "implied", outlivesTask: true }),
    ]);
    expect(lines).toEqual([
      "Lifetimes: 3 credentials with a known lifetime: 2 live (1 never expires), 1 expired",
      "Residual exposure: 2 credentials outlived their task; total 2 d plus 1 that never expires",
    ]);
  });
});
