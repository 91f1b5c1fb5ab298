// HTTP Basic credentials (RFC 7617): base64 of "user-id:password". A header only leaks a credential
// when the value decodes cleanly to printable text with a colon and a real (non-placeholder) password.
import { isPlaceholder } from "../placeholder.js";

/** Decode a Basic credential; null unless it is canonical base64 of printable UTF-8 "user:password". */
export function decodeBasicAuth(b64: string): { user: string; password: string } | null {
  if (b64.length < 4 || b64.length > 4096 || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) return null;
  const buf = Buffer.from(b64, "base64");
  // Lenient decoders drop stray bits; a credential re-encodes to exactly what was written.
  if (buf.toString("base64").replace(/=+$/, "") !== b64.replace(/=+$/, "")) return null;
  const text = buf.toString("utf8");
  if (text.includes("\uFFFD") || /[\x00-\x1f\x7f]/.test(text)) return null;
  const colon = text.indexOf(":");
  if (colon < 0) return null;
  return { user: text.slice(0, colon), password: text.slice(colon + 1) };
}

/** True when the value is a Basic credential with a non-empty password that is not a placeholder. */
export function isBasicAuth(b64: string): boolean {
  const cred = decodeBasicAuth(b64);
  return cred !== null && cred.password.length > 0 && !isPlaceholder(cred.password) && !isPlaceholder(`${cred.user}:${cred.password}`);
}
