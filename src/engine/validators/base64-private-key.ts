// Base64 that decodes to private-key material: a PEM private key (`LS0tLS1CRUdJTi…`, as kubeconfig
// `client-key-data` and CI variables carry it) or a JSON key file that embeds one (a GCP
// service-account key stored base64-encoded). Certificates and public keys decode too; they are rejected.

// Enough encoded text to reach the PEM header of a service-account JSON (it follows a few short fields).
const MAX_ENCODED = 4096;
const PRIVATE_KEY_HEADER = /-----BEGIN (?:[A-Z0-9]{1,10} ){0,3}PRIVATE KEY(?: BLOCK)?-----/;

/** Decode the start of a (possibly line-wrapped, possibly base64url) base64 string; null when it is not base64. */
export function decodeBase64Head(s: string, maxEncoded = MAX_ENCODED): Buffer | null {
  const compact = s.replace(/\\[rn]|\s/g, "");
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(compact)) return null;
  const head = compact.slice(0, maxEncoded - (maxEncoded % 4)).replace(/=+$/, "");
  return Buffer.from(head.replace(/-/g, "+").replace(/_/g, "/"), "base64");
}

/** True when the base64 text decodes to a PEM private key or to JSON holding one. */
export function isBase64PrivateKey(s: string): boolean {
  const buf = decodeBase64Head(s);
  if (!buf || buf.length < 32) return false;
  return PRIVATE_KEY_HEADER.test(buf.toString("latin1"));
}
