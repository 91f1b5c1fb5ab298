// Human wording for durations and instants, shared by enrichment rationales and every reporter.

/** A compact duration: "45 s", "12 min", "5 h", "364 d", "10 y". */
export function formatDuration(seconds: number): string {
  const s = Math.abs(seconds);
  if (s < 120) return `${Math.round(s)} s`;
  if (s < 2 * 3600) return `${Math.round(s / 60)} min`;
  if (s < 2 * 86400) return `${Math.round(s / 3600)} h`;
  if (s < 730 * 86400) return `${Math.round(s / 86400)} d`;
  return `${Math.round(s / (365.25 * 86400))} y`;
}

/** A duration as a policy states it, in the largest unit that divides it: "15 min", "1 h", "7 d". */
export function formatExactDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "unlimited";
  // Days from two on: a 24 h policy reads "24 h", a week "7 d".
  if (seconds >= 2 * 86400 && seconds % 86400 === 0) return `${seconds / 86400} d`;
  for (const [unit, n] of [["h", 3600], ["min", 60]] as const) {
    if (seconds >= n && seconds % n === 0) return `${seconds / n} ${unit}`;
  }
  return `${seconds} s`;
}

/** "2026-11-21 10:02Z" from an ISO instant. */
export function shortInstant(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]}Z` : iso;
}

/** "2026-11-21" from an ISO instant. */
export function shortDate(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T/.exec(iso);
  return m ? m[1] : iso;
}

/** "2026-11-21 10:02:03Z" from an ISO instant (seconds kept, milliseconds dropped). */
export function utcInstant(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]}Z` : iso;
}

/** "in 5 min" / "5 min ago" / "now" for an instant relative to a clock. */
export function relativeTo(iso: string, now: Date): string {
  const d = Math.round((Date.parse(iso) - now.getTime()) / 1000);
  if (d === 0) return "now";
  return d > 0 ? `in ${formatDuration(d)}` : `${formatDuration(d)} ago`;
}
