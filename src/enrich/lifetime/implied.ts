// Lifetimes a credential's kind implies when nothing in it can be read: AWS AKIA keys are long-term
// (no expiry), ASIA keys are temporary STS credentials, and a rule may declare its kind's lifetime
// (`lifetime: {kind: implied, basis, maxSeconds}`). Legacy Kubernetes and Supabase keys are JWTs and
// are handled with the issuer in jwt.ts.
import type { RuleDef } from "../../engine/rule-schema.js";
import type { LifetimeReading } from "./reading.js";

/** GetSessionToken allows up to 36 h, the longest an ASIA key can live (FACTS.md section 2). */
export const STS_MAX_SECONDS = 36 * 3600;

const AWS_KEY_ID = /^(AKIA|ASIA)[A-Z2-7]{16}$/;

/** What an AWS access key id's prefix says; null for anything else. */
export function awsKeyLifetime(keyId: string): LifetimeReading | null {
  const m = AWS_KEY_ID.exec(keyId.trim());
  if (!m) return null;
  if (m[1] === "AKIA") {
    return { kind: "implied", basis: "AKIA: long-term IAM user key", issuedAt: null, notBefore: null, expiresAt: null, neverExpires: true };
  }
  return {
    kind: "sts",
    basis: "ASIA: temporary STS credentials (15 min to 36 h; the expiry is not in the key)",
    issuedAt: null,
    notBefore: null,
    expiresAt: null,
    neverExpires: false,
    maxSeconds: STS_MAX_SECONDS,
  };
}

/** The lifetime a detection rule declares for its kind. */
export function ruleLifetime(rule: RuleDef): LifetimeReading | null {
  const l = rule.lifetime;
  if (!l) return null;
  const r: LifetimeReading = {
    kind: l.kind,
    basis: l.basis,
    issuedAt: null,
    notBefore: null,
    expiresAt: null,
    neverExpires: l.maxSeconds === null,
  };
  if (l.maxSeconds !== null) r.maxSeconds = l.maxSeconds;
  return r;
}

/** The implied lifetime of a finding: the AWS key prefix (secret or identity) first, then the rule. */
export function impliedLifetime(secret: string, identity: string | undefined, rule: RuleDef): LifetimeReading | null {
  return awsKeyLifetime(secret) ?? (identity ? awsKeyLifetime(identity) : null) ?? ruleLifetime(rule);
}
