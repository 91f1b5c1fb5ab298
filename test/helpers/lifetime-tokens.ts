// Generates credentials with readable lifetimes at test time (JWTs signed with HS256 via node:crypto,
// presigned URLs, SAS tokens), so no checked-in file holds a well-formed one.
import { createHmac, randomBytes, randomInt } from "node:crypto";

const b64url = (v: unknown) => Buffer.from(typeof v === "string" ? v : JSON.stringify(v)).toString("base64url");

/** An HS256 JWT over any payload (times are written exactly as given: seconds, floats, milliseconds). */
export function hs256Jwt(payload: Record<string, unknown>, header: Record<string, unknown> = { alg: "HS256", typ: "JWT" }): string {
  const signingInput = `${b64url(header)}.${b64url(payload)}`;
  const sig = createHmac("sha256", randomBytes(32)).update(signingInput).digest("base64url");
  return `${signingInput}.${sig}`;
}

/** An unsecured JWT (alg none): header.payload. with an empty signature. */
export function unsignedJwt(payload: Record<string, unknown>): string {
  return `${b64url({ alg: "none", typ: "JWT" })}.${b64url(payload)}.`;
}

/** Seconds since the epoch of an ISO instant. */
export function epoch(iso: string): number {
  return Date.parse(iso) / 1000;
}

const B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** An AWS access key id with the given prefix (AKIA long-term, ASIA temporary). */
export function awsKeyId(prefix: "AKIA" | "ASIA" = "AKIA"): string {
  let s = prefix;
  for (let i = 0; i < 16; i++) s += B32[randomInt(32)];
  return s;
}

const hex = (n: number) => randomBytes(n).toString("hex");

/** "20261121T100000Z" from an ISO instant. */
export function compactDate(iso: string): string {
  return new Date(iso).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

/** An S3 SigV4 presigned URL signed at `signedAt` for `expires` seconds. */
export function s3PresignedV4(signedAt: string, expires: number, keyId = awsKeyId()): string {
  const d = compactDate(signedAt);
  const cred = encodeURIComponent(`${keyId}/${d.slice(0, 8)}/us-east-1/s3/aws4_request`);
  return `https://acme-reports.s3.us-east-1.amazonaws.com/reports/q3.pdf?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${cred}&X-Amz-Date=${d}&X-Amz-Expires=${expires}&X-Amz-SignedHeaders=host&X-Amz-Signature=${hex(32)}`;
}

/** An S3 SigV2 presigned URL expiring at `expiresAt`. */
export function s3PresignedV2(expiresAt: string, keyId = awsKeyId()): string {
  const sig = encodeURIComponent(randomBytes(20).toString("base64"));
  return `https://acme-reports.s3.amazonaws.com/reports/q3.pdf?AWSAccessKeyId=${keyId}&Expires=${epoch(expiresAt)}&Signature=${sig}`;
}

/** A GCS V4 signed URL. */
export function gcsSignedV4(signedAt: string, expires: number): string {
  const d = compactDate(signedAt);
  const cred = encodeURIComponent(`signer@acme-data.iam.gserviceaccount.com/${d.slice(0, 8)}/auto/storage/goog4_request`);
  return `https://storage.googleapis.com/acme-reports/data.csv?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Credential=${cred}&X-Goog-Date=${d}&X-Goog-Expires=${expires}&X-Goog-SignedHeaders=host&X-Goog-Signature=${hex(128)}`;
}

/** A GCS V2 signed URL. */
export function gcsSignedV2(expiresAt: string): string {
  const sig = encodeURIComponent(randomBytes(128).toString("base64"));
  return `https://storage.googleapis.com/acme-reports/data.csv?GoogleAccessId=signer%40acme-data.iam.gserviceaccount.com&Expires=${epoch(expiresAt)}&Signature=${sig}`;
}

/** An Azure service SAS query string (no leading "?"), start optional. */
export function azureSas(expiry: string, start?: string): string {
  const enc = (iso: string) => encodeURIComponent(iso.replace(/\.\d{3}Z$/, "Z"));
  const sig = encodeURIComponent(randomBytes(32).toString("base64"));
  return `sv=2022-11-02&ss=b&srt=sco&sp=rl${start ? `&st=${enc(start)}` : ""}&se=${enc(expiry)}&spr=https&sig=${sig}`;
}
