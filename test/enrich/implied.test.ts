// Lifetimes implied by a credential's kind: AWS key prefixes, rule declarations, legacy Kubernetes
// service-account tokens and Supabase legacy keys; and issuer recognition from claims.
import { describe, expect, it } from "vitest";
import { readCredential } from "../../src/enrich/lifetime/index.js";
import { computeLifetime } from "../../src/enrich/lifetime/reading.js";
import { recogniseIssuer } from "../../src/enrich/lifetime/issuers.js";
import { testRule } from "../helpers/detected.js";
import { awsKeyId, epoch, hs256Jwt } from "../helpers/lifetime-tokens.js";
import { randomString } from "../helpers/tokens.js";

const NOW = new Date("2026-11-21T10:00:00Z");
const END = new Date("2026-11-21T09:00:00Z");

function lt(secret: string, identity?: string, rule = testRule(), taskEnd: Date | null = END) {
  const r = readCredential(secret, identity, undefined, rule).reading;
  return r ? computeLifetime(r, NOW, taskEnd) : null;
}

describe("AWS keys", () => {
  it("AKIA (as the secret or as the pair's identity) never expires", () => {
    for (const l of [lt(awsKeyId("AKIA")), lt(randomString(40), awsKeyId("AKIA"))]) {
      expect(l).toMatchObject({ kind: "implied", basis: "AKIA: long-term IAM user key", expiresAt: null, lifetimeSeconds: null, expired: false, remainingSeconds: null, outlivesTask: true, residualSeconds: null });
      expect(l!.maxSeconds).toBeUndefined();
    }
  });
  it("ASIA is temporary: at most 36 h, expiry unknown, so outlivesTask is unknown", () => {
    const l = lt(randomString(40), awsKeyId("ASIA"))!;
    expect(l).toMatchObject({ kind: "sts", expiresAt: null, maxSeconds: 129600, outlivesTask: null, residualSeconds: null, lifetimeSeconds: null });
  });
  it("the prefix beats the rule's declaration", () => {
    const rule = testRule({ lifetime: { kind: "implied", basis: "AWS key", maxSeconds: null } });
    expect(lt(randomString(40), awsKeyId("ASIA"), rule)?.kind).toBe("sts");
  });
});

describe("rule-declared lifetimes", () => {
  it("a finite lifetime by design", () => {
    const rule = testRule({ lifetime: { kind: "implied", basis: "ghs_: installation token, 1 h", maxSeconds: 3600 } });
    expect(lt("ghs_x", undefined, rule)).toMatchObject({ kind: "implied", basis: "ghs_: installation token, 1 h", maxSeconds: 3600, expiresAt: null, outlivesTask: null });
  });
  it("never expiring", () => {
    const rule = testRule({ lifetime: { kind: "implied", basis: "never expires", maxSeconds: null } });
    expect(lt("k", undefined, rule)).toMatchObject({ outlivesTask: true, expiresAt: null });
  });
  it("no declaration, nothing readable: no lifetime", () => {
    expect(lt(randomString(40))).toBeNull();
  });
});

describe("JWT kinds", () => {
  it("legacy Kubernetes service-account tokens are implied never-expiring", () => {
    const tok = hs256Jwt(
      { iss: "kubernetes/serviceaccount", "kubernetes.io/serviceaccount/namespace": "default", "kubernetes.io/serviceaccount/secret.name": "deployer-token-x", sub: "system:serviceaccount:default:deployer" },
      { alg: "RS256", kid: "k1" },
    );
    const l = lt(tok)!;
    expect(l.kind).toBe("implied");
    expect(l.issuer).toBe("kubernetes-legacy");
    expect(l.basis).toContain("legacy Kubernetes");
    expect(l.expiresAt).toBeNull();
    expect(l.outlivesTask).toBe(true);
  });
  it("Supabase legacy keys carry a ~10 year exp", () => {
    const iat = epoch("2025-01-01T00:00:00Z");
    const l = lt(hs256Jwt({ iss: "supabase", ref: "abcdefghijklmnopqrst", role: "service_role", iat, exp: iat + 10 * 365 * 86400 }))!;
    expect(l.kind).toBe("jwt");
    expect(l.issuer).toBe("supabase-legacy");
    expect(l.lifetimeSeconds).toBe(10 * 365 * 86400);
    expect(l.basis).toContain("Supabase legacy");
  });
});

describe("issuers", () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ iss: "https://token.actions.githubusercontent.com", repository: "o/r", run_id: "1" }, "github-actions-oidc"],
    [{ iss: "https://gitlab.com", sub: "project_path:grp/proj:ref_type:branch:ref:main", project_path: "grp/proj", job_id: "5" }, "gitlab-ci"],
    [{ iss: "https://oidc.circleci.com/org/0d2f1e9a-0000-4000-8000-000000000000" }, "circleci-oidc"],
    [{ iss: "https://kubernetes.default.svc.cluster.local", "kubernetes.io": { namespace: "ci", serviceaccount: { name: "builder", uid: "u" } } }, "kubernetes"],
    [{ iss: "kubernetes/serviceaccount" }, "kubernetes-legacy"],
    [{ iss: "https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/" }, "entra-id-v1"],
    [{ iss: "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0" }, "entra-id-v2"],
    [{ iss: "https://example-tenant.eu.auth0.com/" }, "auth0"],
    [{ iss: "https://example.okta.com/oauth2/default" }, "okta"],
    [{ iss: "supabase", role: "anon" }, "supabase-legacy"],
    [{ iss: "https://abcdefghijklmnopqrst.supabase.co/auth/v1" }, "supabase"],
    [{ iss: "https://securetoken.google.com/example-project" }, "firebase"],
    [{ iss: "https://accounts.google.com" }, "google"],
  ];
  for (const [claims, id] of cases) it(id, () => expect(recogniseIssuer(claims)?.id).toBe(id));
  it("an unknown issuer is null", () => expect(recogniseIssuer({ iss: "https://auth.example.com" })).toBeNull());
});
