// Human wording for lifetimes, shared by the text, markdown and SARIF reporters:
// "expires 2027-11-21 (in 364 d); outlived its task (ended 2026-11-21 10:02Z) by 364 d".
import type { Lifetime } from "../model.js";
import { formatDuration, formatExactDuration, shortDate, shortInstant } from "../util/duration.js";

export { formatDuration, shortInstant } from "../util/duration.js";

const TWO_DAYS = 2 * 86400;

/** An expiry instant: the date alone when it is days away, with the time when it is close. */
function when(iso: string, distanceSeconds: number | null): string {
  return distanceSeconds !== null && Math.abs(distanceSeconds) >= TWO_DAYS ? shortDate(iso) : shortInstant(iso);
}

/** One line about a lifetime; `now` (the scan clock) adds "3 d ago" to expired ones. */
export function lifetimeSentence(lt: Lifetime, now?: Date): string {
  const parts: string[] = [];
  if (lt.expiresAt === null) {
    parts.push(
      lt.maxSeconds !== undefined
        ? `valid for at most ${formatExactDuration(lt.maxSeconds)} by design (${lt.basis}); exact expiry unknown`
        : `never expires (${lt.basis})`,
    );
  } else if (lt.expired) {
    const ago = now ? Math.round((now.getTime() - Date.parse(lt.expiresAt)) / 1000) : null;
    parts.push(`expired ${when(lt.expiresAt, ago)}${ago !== null ? ` (${ago === 0 ? "just now" : `${formatDuration(ago)} ago`})` : ""}`);
  } else {
    const rem = lt.remainingSeconds ?? 0;
    parts.push(`expires ${when(lt.expiresAt, rem)} (in ${formatDuration(rem)})`);
  }
  if (lt.taskEnd !== null && lt.outlivesTask) {
    parts.push(
      lt.residualSeconds !== null
        ? `outlived its task (ended ${shortInstant(lt.taskEnd)}) by ${formatDuration(lt.residualSeconds)}`
        : `outlives its task (ended ${shortInstant(lt.taskEnd)}) forever`,
    );
  } else if (lt.taskEnd !== null && lt.outlivesTask === false) {
    parts.push(`expired before its task ended (${shortInstant(lt.taskEnd)})`);
  }
  if (lt.lifetimeSeconds !== null) parts.push(`issued for ${formatDuration(lt.lifetimeSeconds)}`);
  return parts.join("; ");
}
