// Reads the timestamps agent and CI artifacts record, and keeps the first and last of them as the
// artifact's task window.
import type { TaskWindow } from "../model.js";

// 2026-01-02T03:04:05Z, with optional fraction (any digits) and offset; a space may replace the T.
const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/;

/** Earliest plausible instant (2000-01-01) and latest (2100-01-01): filters out counters and ids. */
const MIN_MS = 946684800000;
const MAX_MS = 4102444800000;

/**
 * Parse an ISO-8601 time, or SQLite's "YYYY-MM-DD HH:MM:SS" (UTC by definition of CURRENT_TIMESTAMP).
 * Times without an offset are UTC unless `localIfNoZone` (Aider writes the local wall clock).
 */
export function parseTimestamp(s: string, localIfNoZone = false): number | null {
  const m = ISO.exec(s.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, se, frac, zone] = m;
  const ms = frac ? Number(`0.${frac}`) * 1000 : 0;
  let t: number;
  if (!zone && localIfNoZone) t = new Date(+y, +mo - 1, +d, +h, +mi, +se).getTime() + ms;
  else {
    t = Date.UTC(+y, +mo - 1, +d, +h, +mi, +se) + ms;
    if (zone && zone !== "Z") {
      const sign = zone[0] === "-" ? -1 : 1;
      const digits = zone.slice(1).replace(":", "");
      t -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60000;
    }
  }
  return Number.isFinite(t) && t >= MIN_MS && t < MAX_MS ? Math.floor(t) : null;
}

/** Epoch seconds or milliseconds (a value above 1e11 is milliseconds) as ms. */
export function parseEpoch(n: number): number | null {
  if (!Number.isFinite(n) || n <= 0) return null;
  const ms = n > 1e11 ? n : n * 1000;
  return ms >= MIN_MS && ms < MAX_MS ? Math.floor(ms) : null;
}

/** A timestamp field's value: an ISO string, a numeric string or a number. */
export function parseTimeValue(v: unknown): number | null {
  if (typeof v === "number") return parseEpoch(v);
  if (typeof v === "string") {
    if (/^\d{9,13}(?:\.\d+)?$/.test(v)) return parseEpoch(Number(v));
    return parseTimestamp(v);
  }
  return null;
}

/** Accumulates the first and last instant seen. */
export class WindowBuilder {
  private min = Infinity;
  private max = -Infinity;

  /** Add an instant in ms (null is ignored). */
  add(ms: number | null): void {
    if (ms === null) return;
    if (ms < this.min) this.min = ms;
    if (ms > this.max) this.max = ms;
  }

  get empty(): boolean {
    return this.min === Infinity;
  }

  /** The window, or undefined when no instant was seen. */
  window(): TaskWindow | undefined {
    if (this.empty) return undefined;
    return { start: new Date(this.min).toISOString(), end: new Date(this.max).toISOString() };
  }

  /** Copy the window into an object segments already hold (filled once the whole artifact is read). */
  fill(w: TaskWindow): void {
    const got = this.window();
    if (got) {
      w.start = got.start;
      w.end = got.end;
    }
  }
}
