// Redaction: enough of a secret to recognise it (its public prefix and last four characters),
// never enough to use it.

const KNOWN_PREFIX = /^(?:[A-Za-z][A-Za-z0-9]{1,11}[_-]|[A-Z]{4}(?=[A-Z0-9]{12}))/;

/** Redacted form of a secret: "ghp_…Xk2a", "AKIA…MPLE", "-----BEGIN RSA PRIVATE KEY-----…". */
export function redact(secret: string): string {
  const s = secret.trim();
  const pem = /^-----BEGIN [A-Z0-9 ]+-----/.exec(s);
  if (pem) return `${pem[0]}…`;
  if (s.length < 12) return `${s.slice(0, Math.min(2, Math.floor(s.length / 4)))}…`;
  const prefix = KNOWN_PREFIX.exec(s)?.[0] ?? s.slice(0, s.length >= 24 ? 4 : 2);
  const tail = s.length >= 20 ? 4 : 2;
  return `${prefix}…${s.slice(-tail)}`;
}
