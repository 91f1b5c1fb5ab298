// What a decoder reads from a credential before the scan clock and task end are applied, and the
// arithmetic that turns it into the `lifetime` object of the output contract (OUTPUT.md).
import type { Lifetime, LifetimeKind } from "../../model.js";

/** Raw lifetime facts from one decoder; instants in epoch milliseconds. */
export interface LifetimeReading {
  kind: LifetimeKind;
  basis: string;
  issuedAt: number | null;
  notBefore: number | null;
  expiresAt: number | null;
  /** True when the credential has no expiry at all (AKIA key, JWT without `exp`). */
  neverExpires: boolean;
  /** An implied finite lifetime whose exact expiry cannot be read (ghs_ tokens: 1 h). */
  maxSeconds?: number;
  /** A recognised issuer ("github-actions-oidc", "kubernetes", "entra-id-v2", ...). */
  issuer?: string;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const secondsBetween = (later: number, earlier: number) => Math.round((later - earlier) / 1000);

/**
 * Apply the scan clock and the task end to a reading. Whole seconds throughout.
 * `outlivesTask` is true when the credential never expires or expires after the task end, null when
 * there is no task end or the expiry is unknown (an implied finite lifetime).
 */
export function computeLifetime(r: LifetimeReading, now: Date, taskEnd: Date | null): Lifetime {
  const exp = r.expiresAt;
  const nowMs = now.getTime();
  const end = taskEnd?.getTime() ?? null;
  let outlivesTask: boolean | null = null;
  if (end !== null) {
    if (exp !== null) outlivesTask = exp > end;
    else if (r.neverExpires) outlivesTask = true;
  }
  const lt: Lifetime = {
    kind: r.kind,
    basis: r.basis,
    issuedAt: iso(r.issuedAt),
    notBefore: iso(r.notBefore),
    expiresAt: iso(exp),
    lifetimeSeconds: exp !== null && r.issuedAt !== null ? secondsBetween(exp, r.issuedAt) : null,
    expired: exp !== null && exp <= nowMs,
    remainingSeconds: exp !== null ? Math.max(0, secondsBetween(exp, nowMs)) : null,
    taskEnd: iso(end),
    outlivesTask,
    residualSeconds: outlivesTask && exp !== null && end !== null ? secondsBetween(exp, end) : null,
  };
  if (r.maxSeconds !== undefined && exp === null) lt.maxSeconds = r.maxSeconds;
  if (r.issuer) lt.issuer = r.issuer;
  return lt;
}
