// Expiry of presigned object-storage URLs, read from their query parameters:
// S3 SigV4 (X-Amz-Date + X-Amz-Expires), S3 SigV2 (Expires epoch), GCS V4 (X-Goog-Date +
// X-Goog-Expires) and GCS V2 (Expires epoch). FACTS.md section 2.
import type { LifetimeReading } from "./reading.js";
import { parseCompactInstant, parseEpochSeconds, parseSeconds } from "./time.js";

function v4(p: Map<string, string>, vendor: "amz" | "goog", label: string): LifetimeReading | null {
  const date = p.get(`x-${vendor}-date`);
  const expires = p.get(`x-${vendor}-expires`);
  if (date === undefined || expires === undefined) return null;
  const start = parseCompactInstant(date);
  const secs = parseSeconds(expires);
  if (start === null || secs === null) return null;
  const name = vendor === "amz" ? "X-Amz" : "X-Goog";
  return {
    kind: "signed-url",
    basis: `${name}-Date + ${name}-Expires (${label})`,
    issuedAt: start,
    notBefore: start,
    expiresAt: start + secs * 1000,
    neverExpires: false,
  };
}

function v2(p: Map<string, string>, idParam: string, label: string): LifetimeReading | null {
  if (!p.has(idParam) || !p.has("signature")) return null;
  const exp = parseEpochSeconds(p.get("expires") ?? "");
  if (exp === null) return null;
  return { kind: "signed-url", basis: `Expires (${label})`, issuedAt: null, notBefore: null, expiresAt: exp, neverExpires: false };
}

/** The lifetime of an S3 or GCS signed URL, from its parameters; null if it is none. */
export function signedUrlLifetime(p: Map<string, string>): LifetimeReading | null {
  return (
    v4(p, "amz", "S3 SigV4 presigned URL") ??
    v4(p, "goog", "GCS V4 signed URL") ??
    v2(p, "awsaccesskeyid", "S3 SigV2 presigned URL") ??
    v2(p, "googleaccessid", "GCS V2 signed URL")
  );
}

/** The access key id a SigV4/SigV2 URL was signed with (it tells AKIA from ASIA), if present. */
export function signingKeyId(p: Map<string, string>): string | null {
  const cred = p.get("x-amz-credential") ?? p.get("awsaccesskeyid");
  const m = cred ? /^(A[KS]IA[A-Z2-7]{16})\b/.exec(cred) : null;
  return m ? m[1] : null;
}
