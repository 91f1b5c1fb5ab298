// Explains one JWT for `nhi-scan jwt`: header, non-secret claims, issuer, times, lifetime against the
// policy and the NHI verdict, through the same decoders and classification rules as a scan.
// The signature is never kept, only its length.
import type { Finding, Lifetime } from "../model.js";
import { fingerprintOf, sha256Hex } from "./fingerprint.js";
import { redact } from "./redact.js";
import { computeLifetime, publicClaims } from "./lifetime/index.js";
import { findJwt, jwtLifetime } from "./lifetime/jwt.js";
import { withheldClaims } from "./lifetime/claims.js";
import { issuerById, type IssuerInfo } from "./lifetime/issuers.js";
import { applyPolicy, judge, nhiRef, type LoadedClassification } from "./classify/index.js";
import { baseFacts, exceeds, neverExpires } from "./classify/facts.js";
import type { NhiRef } from "../model.js";

export interface JwtExplanation {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  /** Claims present but not shown (values may be secret or personal). */
  withheldClaims: string[];
  issuer: IssuerInfo | null;
  lifetime: Lifetime;
  policy: { context: string; maxSeconds: number; exceeds: boolean };
  nhi: NhiRef[];
  rationale: Record<string, string>;
  signature: { length: number; verified: false };
  /** Short labels: "live" | "expired", "long-lived", "unsigned", "never expires". */
  verdict: string[];
}

/** Not a JWT, or a policy context that does not exist. */
export class JwtExplainError extends Error {}

function headerView(h: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(h)) {
    if (typeof v === "string") out[k] = v.length > 200 ? `${v.slice(0, 199)}…` : v;
    else if (typeof v === "number" || typeof v === "boolean" || v === null) out[k] = v;
    else out[k] = Array.isArray(v) ? `[${v.length} items]` : "{…}";
  }
  return out;
}

export interface ExplainOptions {
  now: Date;
  taskEnd: Date | null;
  /** Force a policy context ("agent", "ci", "default"); otherwise the policy chooses. */
  context?: string;
}

/** Decode and judge one token; throws JwtExplainError when the text holds no JWT. */
export function explainJwt(text: string, cls: LoadedClassification, opts: ExplainOptions): JwtExplanation {
  const jwt = findJwt(text.trim());
  if (!jwt) throw new JwtExplainError("no JWT found: a JWT is header.payload.signature, and its first two parts must be base64url-encoded JSON objects");
  const token = text.trim();
  const lifetime = computeLifetime(jwtLifetime(jwt), opts.now, opts.taskEnd);
  const claims = publicClaims(jwt.payload);
  const finding: Finding = {
    fingerprint: fingerprintOf("jwt", token),
    ruleId: "jwt",
    ruleName: "JSON Web Token",
    family: "jwt",
    severity: "medium",
    confidence: "high",
    secret: { redacted: redact(token), length: token.length, sha256: sha256Hex(token) },
    location: { target: "-", path: "token", line: null, column: null, endLine: null, endColumn: null, kind: "stdin" },
    artifact: "plain",
    lifetime,
    claims,
    nhi: [],
    occurrences: 1,
  };
  const group = { occurrences: 1, targets: 1, paths: 1, pathList: ["token"], unrelatedPaths: false, environments: [], atHead: new Set<string>() };
  const facts = applyPolicy(baseFacts(finding, { payload: jwt.payload, alg: jwt.alg }, group, opts.now), cls);
  if (opts.context) {
    const max = cls.maxLifetime.get(opts.context);
    if (max === undefined) throw new JwtExplainError(`unknown policy context "${opts.context}" (known: ${[...cls.maxLifetime.keys()].sort().join(", ")})`);
    facts.policyContext = opts.context;
    facts.policyMaxSeconds = max;
    facts.exceedsPolicy = exceeds(facts, max);
  }
  const v = judge(facts, finding.severity, cls);
  // NHI2 (leakage) is about where a token was found; a token handed to this command was found nowhere.
  const ids = v.nhi.filter((id) => id !== "NHI2:2025");
  const verdict = [lifetime.expired ? "expired" : "live"];
  if (neverExpires(lifetime)) verdict.push("never expires");
  if (facts.exceedsPolicy) verdict.push("long-lived");
  if ((jwt.alg ?? "").toLowerCase() === "none") verdict.push("unsigned");
  return {
    header: headerView(jwt.header),
    claims,
    withheldClaims: withheldClaims(jwt.payload),
    issuer: lifetime.issuer ? issuerById(lifetime.issuer) : null,
    lifetime,
    policy: { context: facts.policyContext, maxSeconds: facts.policyMaxSeconds, exceeds: facts.exceedsPolicy },
    nhi: ids.map(nhiRef),
    rationale: Object.fromEntries(ids.map((id) => [id, v.rationale[id]])),
    signature: { length: jwt.signatureLength, verified: false },
    verdict,
  };
}
