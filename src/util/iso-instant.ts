// ISO-8601 instants as logs, SAS tokens and CI systems write them: any fraction length (GitHub
// Actions writes seven digits, which Date.parse does not promise to read), optional zone.

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * An ISO-8601 instant ("2026-11-21T10:02:03.1234567Z", "2026-11-21", "2026-11-21 10:02:03+01:00").
 * Fractions of any length are accepted; a time without a zone is read as UTC.
 */
export function parseIsoInstant(s: string): number | null {
  const m = ISO.exec(s.trim());
  if (!m) return null;
  const [, y, mo, d, h = "0", mi = "0", sec = "0", frac = "", zone = "Z"] = m;
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  const base = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec), ms);
  if (!Number.isFinite(base) || Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(sec) > 60) return null;
  let offset = 0;
  if (zone !== "Z" && zone !== "z") {
    const z = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!;
    offset = (z[1] === "-" ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3] ?? "0")) * 60000;
  }
  return base - offset;
}
