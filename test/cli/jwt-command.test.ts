// `nhi-scan jwt`: explains one token (argument or stdin) and never prints its signature.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli.js";
import { epoch, hs256Jwt, unsignedJwt } from "../helpers/lifetime-tokens.js";

const NOW = "2026-11-21T10:00:00Z";
const { dir, cleanup } = tempDir("nhi-jwt-cmd-");
afterAll(cleanup);

describe("nhi-scan jwt", () => {
  const tok = hs256Jwt(
    { iss: "https://token.actions.githubusercontent.com", sub: "repo:acme/app:ref:refs/heads/main", aud: "sts.amazonaws.com", repository: "acme/app", run_id: "42", iat: epoch("2026-11-21T09:55:00Z"), nbf: epoch("2026-11-21T09:45:00Z"), exp: epoch("2026-11-21T10:00:00Z") + 365 * 86400, email: "dev@corp.test", secret_note: "do-not-print" },
    { alg: "RS256", typ: "JWT", kid: "key-1" },
  );
  const sig = tok.split(".")[2];

  it("explains header, claims, issuer, times, policy and verdict without the signature", () => {
    const r = runCli(["jwt", tok, "--now", NOW], { cwd: dir });
    expect(r.code).toBe(0);
    const out = r.stdout;
    expect(out).toContain("alg          RS256");
    expect(out).toContain("kid          key-1");
    expect(out).toContain("iss          https://token.actions.githubusercontent.com");
    expect(out).toContain("email        present (value withheld)");
    expect(out).toContain("withheld     secret_note (values not shown)");
    expect(out).toContain("Issuer: GitHub Actions OIDC token (usually 5 min)");
    expect(out).toContain("issued       2026-11-21 09:55:00Z (5 min ago)");
    expect(out).toContain("not before   2026-11-21 09:45:00Z (15 min ago)");
    expect(out).toContain("expires      2027-11-21 10:00:00Z (in 365 d)");
    expect(out).toContain("Lifetime: 365 d (exp - iat); above the ci policy maximum of 1 h");
    expect(out).toContain(`Signature: ${sig.length} characters, not shown, not verified`);
    expect(out).toContain("Verdict: live, long-lived");
    expect(out).toContain("NHI7:2025 Long-Lived Secrets: ");
    expect(out).not.toContain(sig);
    expect(out).not.toContain("dev@corp.test");
    expect(out).not.toContain("do-not-print");
  });

  it("reads stdin (with a Bearer prefix), and gives JSON", () => {
    const r = runCli(["jwt", "-", "--now", NOW, "--format", "json", "--task-end", "2026-11-21T10:02:00Z"], { cwd: dir, input: `Authorization: Bearer ${tok}\n` });
    expect(r.code).toBe(0);
    const e = JSON.parse(r.stdout);
    expect(e.lifetime).toMatchObject({ kind: "jwt", lifetimeSeconds: 365 * 86400 + 300, expired: false, taskEnd: "2026-11-21T10:02:00.000Z", outlivesTask: true, residualSeconds: 365 * 86400 - 120, issuer: "github-actions-oidc" });
    expect(e.policy).toEqual({ context: "ci", maxSeconds: 3600, exceeds: true });
    expect(e.signature).toEqual({ length: sig.length, verified: false });
    expect(e.claims.email).toBe(true);
    expect(e.nhi.map((n: { id: string }) => n.id)).toEqual(["NHI7:2025"]);
    expect(r.stdout).not.toContain(sig);
  });

  it("judges against a chosen context and the config policy", () => {
    const short = hs256Jwt({ sub: "svc", iat: epoch("2026-11-21T09:30:00Z"), exp: epoch("2026-11-21T10:30:00Z") });
    const def = JSON.parse(runCli(["jwt", short, "--now", NOW, "-f", "json"], { cwd: dir }).stdout);
    expect(def.policy).toEqual({ context: "default", maxSeconds: 86400, exceeds: false });
    expect(def.verdict).toEqual(["live"]);
    const agent = JSON.parse(runCli(["jwt", short, "--now", NOW, "-f", "json", "--context", "agent"], { cwd: dir }).stdout);
    expect(agent.policy).toEqual({ context: "agent", maxSeconds: 900, exceeds: true });
    writeFileSync(join(dir, ".nhi-scan.yaml"), "policy:\n  maxLifetime: { default: 30m }\n");
    const cfg = JSON.parse(runCli(["jwt", short, "--now", NOW, "-f", "json"], { cwd: dir }).stdout);
    expect(cfg.policy.maxSeconds).toBe(1800);
    expect(cfg.verdict).toContain("long-lived");
    expect(runCli(["jwt", short, "--now", NOW, "--context", "nightly"], { cwd: dir }).code).toBe(2);
  });

  it("flags unsigned and expired tokens", () => {
    const r = runCli(["jwt", unsignedJwt({ sub: "x", iat: epoch("2026-11-20T09:00:00Z"), exp: epoch("2026-11-20T10:00:00Z") }), "--now", NOW, "-c", join(dir, "none.yaml")], { cwd: dir });
    expect(r.code).toBe(2); // missing config file named explicitly
    writeFileSync(join(dir, "none.yaml"), "{}\n");
    const ok = runCli(["jwt", unsignedJwt({ sub: "x", iat: epoch("2026-11-20T09:00:00Z"), exp: epoch("2026-11-20T10:00:00Z") }), "--now", NOW, "-c", join(dir, "none.yaml")], { cwd: dir });
    expect(ok.stdout).toContain("Verdict: expired, unsigned");
    expect(ok.stdout).toContain("expires      2026-11-20 10:00:00Z (24 h ago)");
    expect(ok.stdout).toContain("NHI4:2025 Insecure Authentication");
    expect(ok.stdout).toContain("Signature: 0 characters, not shown, not verified (unsecured token)");
  });

  it("a token without exp never expires", () => {
    const r = runCli(["jwt", hs256Jwt({ iss: "kubernetes/serviceaccount", "kubernetes.io/serviceaccount/namespace": "prod" }), "--now", NOW, "-c", join(dir, "none.yaml")], { cwd: dir });
    expect(r.stdout).toContain("expires      never (legacy Kubernetes service-account token");
    expect(r.stdout).toContain("Verdict: live, never expires, long-lived");
  });

  it("not a JWT: exit 2 with a clear message, and no crash on junk", () => {
    for (const input of ["hello", "eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.sig", "a".repeat(100_000)]) {
      const r = runCli(["jwt", "-", "--now", NOW], { cwd: dir, input });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("no JWT found");
      expect(r.stderr).not.toContain("fatal");
    }
  });
});
