// HTTP basic credentials are base64 of "username:password"; registry configs (.npmrc "_auth") store
// them that way. Decoding tells them apart from identifiers that merely use base64 characters.

/** True when `value` is base64 of printable "user:password" text with a non-empty password. */
export function isBase64UserPass(value: string): boolean {
  if (!/^[A-Za-z0-9+/]{8,}={0,2}$/.test(value) || value.replace(/=+$/, "").length % 4 === 1) return false;
  const text = Buffer.from(value, "base64").toString("utf8");
  const colon = text.indexOf(":");
  if (colon < 1 || text.length - colon - 1 < 3) return false;
  // Printable ASCII or UTF-8 text only: random bytes (or a decoded identifier) fail this.
  return !/[\u0000-\u001f\u007f\ufffd]/.test(text);
}
