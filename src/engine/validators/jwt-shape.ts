// Structural JWT check for detection: header and payload must decode to JSON objects.
// Lifetime decoding and claims live in enrich; this only decides "is it a JWT at all".

/** Decode a base64url (or base64) segment leniently; null on bad characters. */
export function decodeBase64UrlLenient(seg: string): Buffer | null {
  if (!/^[A-Za-z0-9_\-+/]*={0,2}$/.test(seg)) return null;
  return Buffer.from(seg.replace(/-/g, "+").replace(/_/g, "/"), "base64");
}

/** Parse a base64url segment as a JSON object; null if it is not one. */
export function decodeJsonSegment(seg: string): Record<string, unknown> | null {
  if (seg.length > 64 * 1024) return null;
  const buf = decodeBase64UrlLenient(seg);
  if (!buf) return null;
  try {
    const v = JSON.parse(buf.toString("utf8"));
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

// A header damaged after a complete `"alg":"…"` member: the token was mangled in a copy (a flipped
// character, a hand edit) but is still a token; its payload must then be intact JSON.
const DAMAGED_HEADER = /^\{\s*"alg"\s*:\s*"([A-Za-z0-9+-]{2,16})"\s*,/;

/**
 * Decode a JWT header leniently: a JSON object naming `alg` or `typ`, or, when it is not JSON, a
 * header that still begins with a complete `alg` member (read as `{ alg }` alone); null otherwise.
 */
export function decodeJwtHeader(seg: string): Record<string, unknown> | null {
  const header = decodeJsonSegment(seg);
  if (header) return typeof header.alg === "string" || typeof header.typ === "string" ? header : null;
  if (seg.length > 1024) return null;
  const buf = decodeBase64UrlLenient(seg);
  const alg = buf ? DAMAGED_HEADER.exec(buf.toString("latin1"))?.[1] : undefined;
  return alg ? { alg } : null;
}

/** True when the token's header names an alg (see decodeJwtHeader) and its payload decodes to a JSON object. */
export function isJwt(token: string): boolean {
  const parts = token.split(".");
  if (parts.length < 2 || parts.length > 5) return false;
  const header = decodeJwtHeader(parts[0]);
  if (!header) return false;
  // JWE (5 parts) has an encrypted payload; only its header is readable.
  if (parts.length === 5) return typeof header.enc === "string";
  return decodeJsonSegment(parts[1]) !== null;
}
