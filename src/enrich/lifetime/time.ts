// Parsing of the instants credentials carry: JWT NumericDates, ISO-8601 strings (SAS, logs) and the
// compact AWS/GCS "20241211T163927Z" form. Every parser returns epoch milliseconds or null; none throws.

/** Latest instant we accept (9999-12-31T23:59:59Z): anything later is not a date but garbage. */
const MAX_MS = 253402300799999;
/** NumericDates above this are milliseconds written by mistake (10^11 s is the year 5138). */
const MS_THRESHOLD = 1e11;

export interface NumericDate {
  ms: number;
  /** The value was written in milliseconds, not seconds. */
  milliseconds: boolean;
}

/**
 * A JWT NumericDate (RFC 7519: seconds since the epoch, fractions allowed). Values above 10^11 are
 * read as milliseconds; numeric strings are tolerated; anything else is null.
 */
export function parseNumericDate(v: unknown): NumericDate | null {
  let n: number;
  if (typeof v === "number") n = v;
  else if (typeof v === "string" && /^\d{1,16}(\.\d{1,9})?$/.test(v.trim())) n = Number(v.trim());
  else return null;
  if (!Number.isFinite(n) || n <= 0) return null;
  const milliseconds = n > MS_THRESHOLD;
  const ms = milliseconds ? n : n * 1000;
  if (ms > MAX_MS) return null;
  return { ms: Math.round(ms), milliseconds };
}

export { parseIsoInstant } from "../../util/iso-instant.js";

/** The compact SigV4 / GCS V4 form "20241211T163927Z". */
export function parseCompactInstant(s: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s.trim());
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  return Number.isFinite(t) && Number(m[2]) >= 1 && Number(m[2]) <= 12 ? t : null;
}

/** Epoch seconds as written in SigV2 / GCS V2 `Expires`. */
export function parseEpochSeconds(s: string): number | null {
  if (!/^\d{9,11}$/.test(s.trim())) return null;
  const ms = Number(s.trim()) * 1000;
  return ms <= MAX_MS ? ms : null;
}

/** A whole number of seconds, as in `X-Amz-Expires`; null if it is not one. */
export function parseSeconds(s: string): number | null {
  if (!/^\d{1,10}$/.test(s.trim())) return null;
  return Number(s.trim());
}
