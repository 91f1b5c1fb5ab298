// Expiry of presigned URLs (S3 SigV4/SigV2, GCS V4/V2) and Azure SAS tokens, read from parameters in
// the secret or in text the rule captured beside it.
import { describe, expect, it } from "vitest";
import { readCredential } from "../../src/enrich/lifetime/index.js";
import { queryParams } from "../../src/enrich/lifetime/params.js";
import { computeLifetime } from "../../src/enrich/lifetime/reading.js";
import { testRule } from "../helpers/detected.js";
import { awsKeyId, azureSas, gcsSignedV2, gcsSignedV4, s3PresignedV2, s3PresignedV4 } from "../helpers/lifetime-tokens.js";

const NOW = new Date("2026-11-21T10:00:00Z");
const rule = testRule();

function lifetime(secret: string, groups?: Record<string, string>, taskEnd: Date | null = null) {
  const r = readCredential(secret, undefined, groups, rule).reading;
  return r ? computeLifetime(r, NOW, taskEnd) : null;
}

describe("S3 presigned URLs", () => {
  it("SigV4: X-Amz-Date + X-Amz-Expires", () => {
    const lt = lifetime(s3PresignedV4("2026-11-21T09:55:00Z", 3600), undefined, new Date("2026-11-21T09:58:00Z"))!;
    expect(lt).toMatchObject({
      kind: "signed-url",
      issuedAt: "2026-11-21T09:55:00.000Z",
      notBefore: "2026-11-21T09:55:00.000Z",
      expiresAt: "2026-11-21T10:55:00.000Z",
      lifetimeSeconds: 3600,
      expired: false,
      remainingSeconds: 3300,
      taskEnd: "2026-11-21T09:58:00.000Z",
      outlivesTask: true,
      residualSeconds: 3420,
    });
    expect(lt.basis).toContain("X-Amz-Expires");
  });

  it("SigV4 at the 7-day maximum, expired", () => {
    const lt = lifetime(s3PresignedV4("2026-11-01T00:00:00Z", 604800))!;
    expect(lt.lifetimeSeconds).toBe(604800);
    expect(lt.expired).toBe(true);
    expect(lt.remainingSeconds).toBe(0);
  });

  it("SigV2: Expires epoch, no issue time", () => {
    const lt = lifetime(s3PresignedV2("2026-11-22T10:00:00Z"))!;
    expect(lt).toMatchObject({ kind: "signed-url", issuedAt: null, expiresAt: "2026-11-22T10:00:00.000Z", lifetimeSeconds: null, remainingSeconds: 86400 });
    expect(lt.basis).toContain("SigV2");
  });

  it("reads the URL from a captured group when the secret is only the signature", () => {
    const url = s3PresignedV4("2026-11-21T09:00:00Z", 900);
    const sig = /X-Amz-Signature=([0-9a-f]+)/.exec(url)![1];
    expect(lifetime(sig, { url })?.expiresAt).toBe("2026-11-21T09:15:00.000Z");
  });
});

describe("GCS signed URLs", () => {
  it("V4: X-Goog-Date + X-Goog-Expires", () => {
    const lt = lifetime(gcsSignedV4("2026-11-21T09:00:00Z", 7200))!;
    expect(lt).toMatchObject({ kind: "signed-url", lifetimeSeconds: 7200, expiresAt: "2026-11-21T11:00:00.000Z", remainingSeconds: 3600 });
    expect(lt.basis).toContain("GCS V4");
  });
  it("V2: Expires epoch", () => {
    const lt = lifetime(gcsSignedV2("2026-11-21T09:00:00Z"))!;
    expect(lt).toMatchObject({ kind: "signed-url", expired: true, remainingSeconds: 0, lifetimeSeconds: null });
    expect(lt.basis).toContain("GCS V2");
  });
});

describe("Azure SAS", () => {
  it("st + se", () => {
    const lt = lifetime(azureSas("2027-11-21T10:00:00Z", "2026-11-21T08:00:00Z"))!;
    expect(lt).toMatchObject({
      kind: "sas",
      issuedAt: "2026-11-21T08:00:00.000Z",
      expiresAt: "2027-11-21T10:00:00.000Z",
      lifetimeSeconds: 365 * 86400 + 7200,
      expired: false,
      remainingSeconds: 365 * 86400,
    });
  });
  it("se only: no lifetime figure", () => {
    const lt = lifetime(`https://acct.blob.core.windows.net/c/b.txt?${azureSas("2026-11-20T00:00:00Z")}`)!;
    expect(lt).toMatchObject({ kind: "sas", issuedAt: null, lifetimeSeconds: null, expired: true });
    expect(lt.basis).toBe("se (Azure SAS expiry)");
  });
  it("inside a connection string and HTML-escaped", () => {
    const sas = azureSas("2026-12-01T00:00:00Z", "2026-11-01T00:00:00Z");
    expect(lifetime(`BlobEndpoint=https://acct.blob.core.windows.net/;SharedAccessSignature=${sas}`)?.lifetimeSeconds).toBe(30 * 86400);
    expect(lifetime(`href="https://acct.blob.core.windows.net/c?${sas.replace(/&/g, "&amp;")}"`)?.lifetimeSeconds).toBe(30 * 86400);
  });
  it("date-only se is read as midnight UTC", () => {
    expect(lifetime("sv=2022-11-02&sr=b&sp=r&se=2026-12-01&sig=abcdefabcdefabcdefabcdef%3D")?.expiresAt).toBe("2026-12-01T00:00:00.000Z");
  });
  it("a stored-access-policy SAS (si, no se) has no readable lifetime", () => {
    expect(lifetime("sv=2022-11-02&sr=b&si=policy1&sig=abcdefabcdefabcdefabcdef%3D")).toBeNull();
  });
  it("se without a signature is not a SAS", () => {
    expect(lifetime("https://example.com/?se=2026-12-01&sv=1")).toBeNull();
  });
});

describe("query parameters", () => {
  it("are read without regex backtracking on hostile input", () => {
    const hostile = `${"a=".repeat(50_000)}${"=".repeat(50_000)}&&&;;;`;
    const t = Date.now();
    expect(() => queryParams(hostile)).not.toThrow();
    expect(Date.now() - t).toBeLessThan(1000);
  });
  it("keep values with padding and decode percent-escapes", () => {
    const p = queryParams("x?sig=ab%2Fcd==&se=2026-01-01T00%3A00%3A00Z");
    expect(p.get("sig")).toBe("ab/cd==");
    expect(p.get("se")).toBe("2026-01-01T00:00:00Z");
  });
});

describe("key ids in signed URLs", () => {
  it("an AKIA-signed URL still reads as a signed URL, not a never-expiring key", () => {
    expect(lifetime(s3PresignedV4("2026-11-21T09:00:00Z", 60, awsKeyId("AKIA")))?.kind).toBe("signed-url");
  });
});
