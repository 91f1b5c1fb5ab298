// One cheap layer of base64: Kubernetes Secret manifests keep every value base64-encoded under `data:`.
// Each decoded value becomes a segment "key: value" (so assignment-keyed rules still see the name),
// mapped back to the encoded span in the raw file.
import type { Blob, Segment } from "../model.js";

const K8S_SECRET = /(?:^|\n)\s*kind:\s*["']?Secret["']?\s*$|"kind"\s*:\s*"Secret"/m;
// `key: value` (YAML) or `"key": "value"` (JSON); the value is a base64 token alone on its line or in quotes.
const PAIR = /(?:^[ \t]+([A-Za-z0-9_.-]{1,100}):[ \t]*["']?|"([A-Za-z0-9_.-]{1,100})"[ \t]*:[ \t]*")([A-Za-z0-9+/]{8,}={0,2})(?=["']?[ \t]*,?[ \t]*\r?$|")/gm;

/** True when a decoded value is text worth scanning (printable UTF-8, no control bytes). */
export function isPrintableText(buf: Buffer): boolean {
  if (!buf.length) return false;
  const s = buf.toString("utf8");
  if (s.includes("\uFFFD")) return false;
  return !/[\x00-\x08\x0e-\x1f\x7f]/.test(s);
}

/** Segments for base64 values in Kubernetes Secret manifests; empty for any other blob. */
export function base64Segments(blob: Blob, text: string): Segment[] {
  if (!K8S_SECRET.test(text)) return [];
  const out: Segment[] = [];
  for (const m of text.matchAll(PAIR)) {
    const key = m[1] ?? m[2];
    const b64 = m[3];
    if (b64.length % 4 !== 0) continue;
    const decoded = Buffer.from(b64, "base64");
    if (!isPrintableText(decoded)) continue;
    const valueStart = m.index! + m[0].length - b64.length;
    const valueEnd = valueStart + b64.length;
    const prefix = `${key}: `;
    const data = prefix + decoded.toString("utf8");
    out.push({
      data,
      rawOffset: (o) => {
        if (o <= prefix.length) return valueStart;
        // Three decoded bytes come from four encoded characters.
        return Math.min(valueEnd, valueStart + Math.ceil(((o - prefix.length) * 4) / 3));
      },
      hasLines: true,
      artifact: "kubernetes-secret",
      layer: "base64",
    });
  }
  return out;
}
