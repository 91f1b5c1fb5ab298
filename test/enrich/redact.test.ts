import { describe, expect, it } from "vitest";
import { redact } from "../../src/enrich/redact.js";
import { fingerprintOf } from "../../src/enrich/fingerprint.js";
import { createHash } from "node:crypto";

describe("redaction", () => {
  it("keeps a public prefix and the last four characters", () => {
    expect(redact("ghp_abcdEFGHijklMNOPqrstUVWXyz0123456789")).toBe("ghp_…6789");
    expect(redact("AKIAQ3EGRQ4ZMXXYZT7K")).toBe("AKIA…YZT7K".replace("YZT7K", "ZT7K"));
    expect(redact("-----BEGIN RSA PRIVATE KEY-----\nabc")).toBe("-----BEGIN RSA PRIVATE KEY-----…");
  });

  it("never reveals most of a short secret", () => {
    const r = redact("hunter2");
    expect(r.replace("…", "").length).toBeLessThanOrEqual(2);
  });
});

describe("fingerprint", () => {
  it("is sha256 of ruleId NUL secret", () => {
    expect(fingerprintOf("r", "s")).toBe(createHash("sha256").update("r\0s").digest("hex"));
  });
});
