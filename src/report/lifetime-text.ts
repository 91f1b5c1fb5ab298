// Human wording for durations and lifetimes, shared by the text, markdown and SARIF reporters.
import type { Lifetime } from "../model.js";

/** A compact duration: "45 s", "12 min", "5 h", "364 d", "10 y". */
export function formatDuration(seconds: number): string {
  const s = Math.abs(seconds);
  if (s < 120) return `${Math.round(s)} s`;
  if (s < 2 * 3600) return `${Math.round(s / 60)} min`;
  if (s < 2 * 86400) return `${Math.round(s / 3600)} h`;
  if (s < 730 * 86400) return `${Math.round(s / 86400)} d`;
  return `${Math.round(s / (365.25 * 86400))} y`;
}

/** "2026-11-21 10:02Z" from an ISO instant. */
export function shortInstant(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]}Z` : iso;
}

/** One line about a lifetime: "expires 2027-11-21 (in 364 d); outlived its task (ended ...) by 364 d". */
export function lifetimeSentence(lt: Lifetime): string {
  const parts: string[] = [];
  if (lt.expiresAt === null) {
    parts.push(`never expires (${lt.basis})`);
  } else if (lt.expired) {
    parts.push(`expired ${shortInstant(lt.expiresAt)}`);
  } else {
    parts.push(`expires ${shortInstant(lt.expiresAt)} (in ${formatDuration(lt.remainingSeconds ?? 0)})`);
  }
  if (lt.lifetimeSeconds !== null) parts.push(`lifetime ${formatDuration(lt.lifetimeSeconds)}`);
  if (lt.taskEnd !== null && lt.outlivesTask) {
    parts.push(
      lt.residualSeconds !== null
        ? `outlived its task (ended ${shortInstant(lt.taskEnd)}) by ${formatDuration(lt.residualSeconds)}`
        : `outlives its task (ended ${shortInstant(lt.taskEnd)}) forever`,
    );
  } else if (lt.taskEnd !== null && lt.outlivesTask === false) {
    parts.push(`ended within its task (ended ${shortInstant(lt.taskEnd)})`);
  }
  return parts.join("; ");
}
