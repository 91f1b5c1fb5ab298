// Grafana credentials: service account tokens are "glsa_<32 alphanumerics>_<8 hex>", the hex being the
// CRC-32 (IEEE) of "glsa_<secret>" written as little-endian bytes (grafana pkg/components/satokengen).
// Legacy API keys are base64 of {"k":"<32 alphanumerics>","n":"<name>","id":<org id>}.
import { crc32 } from "./crc32.js";
import { decodeBase64UrlLenient } from "./jwt-shape.js";

/** The 8-hex checksum Grafana appends to "gl<service>_<secret>". */
export function grafanaChecksum(key: string): string {
  const c = crc32(key);
  return [c & 0xff, (c >>> 8) & 0xff, (c >>> 16) & 0xff, (c >>> 24) & 0xff]
    .map((b) => b.toString(16).padStart(2, "0"))
    .join("");
}

/** True when a "gl<service>_<secret>_<checksum>" token carries a matching checksum. */
export function verifyGrafanaServiceToken(token: string): boolean {
  const m = /^(gl[a-z]{1,10}_[A-Za-z0-9]{16,64})_([0-9a-f]{8})$/.exec(token);
  return m !== null && grafanaChecksum(m[1]) === m[2];
}

/**
 * True when a base64 value decodes to Grafana's API key layout, {"k":"<32 chars>","n":"... (Go keeps
 * the field order). Only the start is checked, so a key cut short by line wrapping still counts, while
 * other base64 JSON that happens to start with {"k": (Power BI report ids) does not.
 */
export function isGrafanaApiKey(token: string): boolean {
  const buf = decodeBase64UrlLenient(token);
  if (!buf) return false;
  return /^\{"k":"[^"\\]{32}","n":"/.test(buf.toString("latin1"));
}
