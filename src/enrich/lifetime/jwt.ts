// JWT decoding for lifetimes and claims: header and payload read leniently (base64url, padding or
// not), never verified and never trusted. Tokens embedded in a longer secret ("Bearer eyJ…",
// "ghs_1_eyJ…") are found too. A string whose first two parts are not JSON objects is not a JWT.
import { decodeJsonSegment, decodeJwtHeader } from "../../engine/validators/jwt-shape.js";
import { parseNumericDate } from "./time.js";
import type { LifetimeReading } from "./reading.js";
import { recogniseIssuer } from "./issuers.js";

export interface DecodedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  /** Length of the signature part (0 for an unsecured token); the signature itself is never kept. */
  signatureLength: number;
  /** The header's `alg`, as written. */
  alg: string | null;
}

/** Segments longer than this are not decoded: a huge payload is not worth the memory. */
const MAX_SEGMENT = 64 * 1024;
/** Secrets longer than this are not searched for an embedded token. */
const MAX_SEARCH = 256 * 1024;

/** Decode exactly one compact JWS ("header.payload.signature", or "header.payload" unsecured). */
export function decodeJwt(token: string): DecodedJwt | null {
  const parts = token.split(".");
  if (parts.length < 2 || parts.length > 3) return null;
  if (parts[0].length > MAX_SEGMENT || parts[1].length > MAX_SEGMENT || !parts[0] || !parts[1]) return null;
  const header = decodeJwtHeader(parts[0]);
  if (!header) return null;
  const payload = decodeJsonSegment(parts[1]);
  if (!payload) return null;
  const sig = parts[2] ?? "";
  if (sig && !/^[A-Za-z0-9_\-+/]*={0,2}$/.test(sig)) return null;
  return { header, payload, signatureLength: sig.length, alg: typeof header.alg === "string" ? header.alg : null };
}

// Base64url of '{"', '{ "', '{\n', '{\r\n' and '{\t': where an embedded JWT's header can start.
const HEADER_STARTS = ["eyJ", "eyA", "ewo", "ew0K", "ewk"];

function trimDots(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s[a] === ".") a++;
  while (b > a && s[b - 1] === ".") b--;
  return s.slice(a, b);
}

/** Find a JWT in a secret: the whole secret, a run of it, or a run after a prefix such as "ghs_1_". */
export function findJwt(secret: string): DecodedJwt | null {
  if (secret.length > MAX_SEARCH || !secret.includes(".")) return null;
  // Runs of base64url characters and dots; anything else ("Bearer ", quotes, %20) separates them.
  for (const run of secret.split(/[^A-Za-z0-9_\-+/=.]+/)) {
    if (!run.includes(".")) continue;
    // A sentence-ending dot or an unsecured token's trailing dot is not part of the token.
    const token = trimDots(run);
    const whole = decodeJwt(token);
    if (whole) return whole;
    const first = token.slice(0, token.indexOf("."));
    for (const start of HEADER_STARTS) {
      const i = first.indexOf(start, 1);
      if (i > 0) {
        const inner = decodeJwt(token.slice(i));
        if (inner) return inner;
      }
    }
  }
  return null;
}

/** The lifetime a decoded JWT states (or, for legacy Kubernetes and Supabase keys, implies). */
export function jwtLifetime(jwt: DecodedJwt): LifetimeReading {
  const p = jwt.payload;
  const issuer = recogniseIssuer(p);
  const exp = parseNumericDate(p.exp);
  const iat = parseNumericDate(p.iat);
  const nbf = parseNumericDate(p.nbf);
  const reading: LifetimeReading = {
    kind: "jwt",
    basis: "exp claim",
    issuedAt: iat?.ms ?? null,
    notBefore: nbf?.ms ?? null,
    expiresAt: exp?.ms ?? null,
    neverExpires: exp === null,
    issuer: issuer?.id,
  };
  if (exp === null) {
    if (issuer?.noExpiryBasis) {
      reading.kind = "implied";
      reading.basis = issuer.noExpiryBasis;
    } else {
      reading.basis = p.exp === undefined ? "no exp claim" : "exp claim unreadable";
    }
  } else {
    const notes: string[] = [];
    if ([exp, iat, nbf].some((d) => d?.milliseconds)) notes.push("written in milliseconds");
    if (issuer?.expiryNote) notes.push(issuer.expiryNote);
    if (notes.length) reading.basis += ` (${notes.join("; ")})`;
  }
  return reading;
}
