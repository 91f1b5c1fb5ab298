// The body of a PEM block without its BEGIN/END lines: optional RFC 1421 headers (Proc-Type, DEK-Info,
// Version, Comment), then base64. Rules that report the key material itself (not the armour) use this.
// Escaped newlines (\n, \r\n inside JSON/YAML strings) and string-concatenation debris are tolerated.

/** True when the text is a PEM body of at least 40 base64 characters once headers and quoting are removed. */
export function isPemBody(s: string): boolean {
  if (s.length > 64 * 1024) return false;
  const lines = s.replace(/\\r/g, "").replace(/\\n/g, "\n").split(/\r?\n/);
  const body = lines
    .filter((l) => !/^[\s"'`+,]*[A-Za-z][A-Za-z0-9-]*:\s/.test(l))
    .join("")
    .replace(/[\s"'`,+;]/g, "");
  return body.length >= 40 && /^[A-Za-z0-9+/]+={0,2}(?:=[A-Za-z0-9+/]{4})?$/.test(body);
}
