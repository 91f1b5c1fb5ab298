// Base64 of "user:password", the form Docker's config.json keeps under auths.<registry>.auth (and
// HTTP basic auth headers use). The decoded pair must be printable text with both halves present,
// and a password that is itself a placeholder ("password", "${PASS}") does not count.
import { isPlaceholder } from "../placeholder.js";

/** The decoded user and password, or null when the text is not base64 of a printable user:password pair. */
export function decodeBasicAuth(s: string): { user: string; password: string } | null {
  if (s.length > 4096 || !/^[A-Za-z0-9+/]+={0,2}$/.test(s) || s.length % 4 === 1) return null;
  const buf = Buffer.from(s, "base64");
  // Lenient decoding drops stray bits; a real credential re-encodes to exactly what was written.
  if (buf.toString("base64").replace(/=+$/, "") !== s.replace(/=+$/, "")) return null;
  const text = buf.toString("utf8");
  if (text.includes("\uFFFD") || /[\x00-\x1f\x7f]/.test(text)) return null;
  const i = text.indexOf(":");
  if (i <= 0 || i === text.length - 1) return null;
  return { user: text.slice(0, i), password: text.slice(i + 1) };
}

/** True when the text is base64 of user:password with a password that is not a placeholder. */
export function isBase64BasicAuth(s: string): boolean {
  const pair = decodeBasicAuth(s);
  return pair !== null && !/\s/.test(pair.user) && !isPlaceholder(pair.password);
}
