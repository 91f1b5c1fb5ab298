// Atlassian Cloud credentials (API tokens ATATT..., Bitbucket app passwords ATBB..., access tokens
// ATCTT...) end in eight hex digits: the CRC-32 of everything before them. Atlassian Data Center
// personal access tokens are base64 of "<numeric id>:<random bytes>".
import { crc32 } from "./crc32.js";

/** True when the last 8 characters are the upper-case hex CRC-32 of the rest of the token. */
export function verifyAtlassianCrc32(token: string): boolean {
  if (token.length <= 8) return false;
  const sum = token.slice(-8);
  if (!/^[0-9A-Fa-f]{8}$/.test(sum)) return false;
  return atlassianCrc32(token.slice(0, -8)) === sum.toUpperCase();
}

/** The 8-character checksum Atlassian appends to a token body (used by tests to build well-formed tokens). */
export function atlassianCrc32(body: string): string {
  return crc32(body).toString(16).toUpperCase().padStart(8, "0");
}

/**
 * True when a Data Center token (optionally "BBDC-" prefixed) decodes to "<1-20 digits>:<at least 16 bytes>".
 * Random base64 starts with a run of ASCII digits and a colon essentially never, so this is a strong check.
 */
export function isAtlassianDcPat(token: string): boolean {
  const body = token.startsWith("BBDC-") ? token.slice(5) : token;
  if (!/^[A-Za-z0-9+/]{20,120}={0,2}$/.test(body)) return false;
  const buf = Buffer.from(body, "base64");
  const colon = buf.indexOf(0x3a);
  if (colon < 1 || colon > 20 || buf.length - colon - 1 < 16) return false;
  for (let i = 0; i < colon; i++) if (buf[i] < 0x30 || buf[i] > 0x39) return false;
  return true;
}
