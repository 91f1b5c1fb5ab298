// OWASP NHI classification through the real rule files (rules/classify/): every id the scanner can
// evidence, the lifetime policy and its overrides, reuse and environments, severity adjustments.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { classificationFor, enrichAll, type DetectedItem, type EnrichOptions } from "../../src/enrich/index.js";
import { ClassifyLoadError, loadClassification } from "../../src/enrich/classify/index.js";
import type { Finding } from "../../src/model.js";
import { detected, testRule, type ItemOptions } from "../helpers/detected.js";
import { awsKeyId, azureSas, epoch, hs256Jwt, unsignedJwt } from "../helpers/lifetime-tokens.js";
import { randomString } from "../helpers/tokens.js";
import { tempDir } from "../helpers/cli.js";

const NOW = new Date("2026-11-21T10:00:00Z");
const T = (iso: string) => epoch(iso);
const opts = (o: Partial<EnrichOptions> = {}): EnrichOptions => ({ now: NOW, taskEnd: null, ...o });

function run(items: DetectedItem[], o: Partial<EnrichOptions> = {}): Finding[] {
  return enrichAll(items, opts(o));
}
function one(secret: string, io: ItemOptions = {}, o: Partial<EnrichOptions> = {}): Finding {
  return run([detected(secret, io)], o)[0];
}
const ids = (f: Finding) => f.nhi.map((n) => n.id);
const secret = () => randomString(40);

describe("NHI2 Secret Leakage", () => {
  it("every finding carries NHI2 with its title and a rationale", () => {
    const f = one(secret(), { path: "src/settings.py" });
    expect(f.nhi).toEqual([{ id: "NHI2:2025", title: "Secret Leakage" }]);
    expect(f.rationale?.["NHI2:2025"]).toContain("src/settings.py");
    expect(f.lifetime).toBeUndefined();
    expect(f.severity).toBe("high");
  });
  it("an expired credential is capped at low severity and says why", () => {
    const f = one(hs256Jwt({ iat: T("2026-11-20T09:00:00Z"), exp: T("2026-11-20T10:00:00Z") }));
    expect(f.lifetime?.expired).toBe(true);
    expect(f.severity).toBe("low");
    expect(f.rationale?.["NHI2:2025"]).toContain("expired 2026-11-20 10:00Z");
  });
});

describe("NHI7 Long-Lived Secrets, on evidence only", () => {
  it("a JWT without exp", () => {
    const f = one(hs256Jwt({ sub: "svc", iat: T("2026-01-01T00:00:00Z") }));
    expect(ids(f)).toEqual(["NHI2:2025", "NHI7:2025"]);
    expect(f.rationale?.["NHI7:2025"]).toContain("never expires (no exp claim)");
  });
  it("a lifetime above the default policy (24 h), not one below it", () => {
    const iat = T("2026-11-21T09:00:00Z");
    expect(ids(one(hs256Jwt({ iat, exp: iat + 2 * 86400 })))).toContain("NHI7:2025");
    expect(ids(one(hs256Jwt({ iat, exp: iat + 2 * 3600 })))).toEqual(["NHI2:2025"]);
  });
  it("the context picks the maximum: 2 h is too long in a CI log (1 h) and an agent transcript (15 min)", () => {
    const iat = T("2026-11-21T09:00:00Z");
    const tok = hs256Jwt({ iat, exp: iat + 2 * 3600 });
    const ci = one(tok, { artifact: "github-actions-log" });
    expect(ids(ci)).toContain("NHI7:2025");
    expect(ci.rationale?.["NHI7:2025"]).toContain("exceeds the 1 h maximum for ci credentials");
    const agent = one(hs256Jwt({ iat, exp: iat + 1800 }), { artifact: "claude-code-transcript" });
    expect(agent.rationale?.["NHI7:2025"]).toContain("15 min maximum for agent");
    expect(ids(one(hs256Jwt({ iat, exp: iat + 600 }), { artifact: "claude-code-transcript" }))).not.toContain("NHI7:2025");
  });
  it("CI-issued tokens are judged by the CI policy wherever they are found", () => {
    const iat = T("2026-11-21T09:00:00Z");
    const f = one(hs256Jwt({ iss: "https://token.actions.githubusercontent.com", run_id: "1", iat, exp: iat + 7200 }), { path: "notes.txt" });
    expect(f.lifetime?.issuer).toBe("github-actions-oidc");
    expect(ids(f)).toContain("NHI7:2025");
  });
  it("config policy.maxLifetime overrides the default policy", () => {
    const iat = T("2026-11-21T09:00:00Z");
    const tok = hs256Jwt({ iat, exp: iat + 2 * 3600 });
    expect(ids(one(tok, { artifact: "github-actions-log" }, { policy: { ci: "3h" } }))).not.toContain("NHI7:2025");
    expect(ids(one(tok, {}, { policy: { default: "30m" } }))).toContain("NHI7:2025");
  });
  it("an exp far in the future is evidence even without iat", () => {
    const f = one(hs256Jwt({ exp: T("2026-12-01T10:00:00Z") }));
    expect(f.lifetime?.lifetimeSeconds).toBeNull();
    expect(f.rationale?.["NHI7:2025"]).toContain("at least 10 d");
  });
  it("a credential that outlives its task", () => {
    const iat = T("2026-11-21T09:00:00Z");
    const f = one(hs256Jwt({ iat, exp: iat + 3000 }), { taskWindow: { start: "2026-11-21T09:00:00Z", end: "2026-11-21T09:20:00Z" } });
    expect(f.lifetime).toMatchObject({ taskEnd: "2026-11-21T09:20:00.000Z", outlivesTask: true, residualSeconds: 1800 });
    expect(f.rationale?.["NHI7:2025"]).toBe("It stays valid 30 min after the task that used it ended (2026-11-21 09:20Z).");
  });
  it("--task-end overrides the artifact's own task end", () => {
    const iat = T("2026-11-21T09:00:00Z");
    const f = one(hs256Jwt({ iat, exp: iat + 3000 }), { taskWindow: { start: null, end: "2026-11-21T09:20:00Z" } }, { taskEnd: new Date("2026-11-21T09:55:00Z") });
    expect(f.lifetime).toMatchObject({ taskEnd: "2026-11-21T09:55:00.000Z", outlivesTask: false, residualSeconds: null });
    expect(ids(f)).toEqual(["NHI2:2025"]);
  });
  it("kinds that never expire: AKIA keys, private keys, static cloud keys", () => {
    expect(one(secret(), { identity: awsKeyId("AKIA") }).rationale?.["NHI7:2025"]).toContain("AKIA: long-term IAM user key");
    expect(ids(one("-----BEGIN PRIVATE KEY-----", { rule: testRule({ tags: ["private-key"] }) }))).toContain("NHI7:2025");
    expect(ids(one(secret(), { rule: testRule({ tags: ["cloud-static-key"] }) }))).toContain("NHI7:2025");
  });
  it("an implied finite lifetime is judged by its maximum; an unreadable expiry is NHI2 alone", () => {
    const ghs = testRule({ tags: ["app", "ci", "short-lived"], lifetime: { kind: "implied", basis: "ghs_: 1 h", maxSeconds: 3600 } });
    expect(ids(one("ghs_x", { rule: ghs, artifact: "github-actions-log" }))).toEqual(["NHI2:2025"]);
    expect(ids(one("ghs_x", { rule: ghs, artifact: "claude-code-transcript" }))).toContain("NHI7:2025");
    expect(ids(one(secret(), { identity: awsKeyId("ASIA") }))).toEqual(["NHI2:2025"]);
    expect(ids(one(secret()))).toEqual(["NHI2:2025"]);
  });
});

describe("NHI4 Insecure Authentication", () => {
  it("credentials in URLs (by tag and by signed-URL/SAS lifetime) and unsigned JWTs", () => {
    expect(ids(one(secret(), { rule: testRule({ tags: ["url-credential"] }) }))).toContain("NHI4:2025");
    expect(ids(one(azureSas("2026-11-21T11:00:00Z", "2026-11-21T09:00:00Z")))).toContain("NHI4:2025");
    const none = one(unsignedJwt({ sub: "x", exp: T("2026-11-21T10:05:00Z"), iat: T("2026-11-21T10:00:00Z") }));
    expect(ids(none)).toContain("NHI4:2025");
    expect(none.rationale?.["NHI4:2025"]).toContain("alg: none");
    expect(ids(one(hs256Jwt({ sub: "x", exp: T("2026-11-21T10:05:00Z"), iat: T("2026-11-21T10:00:00Z") })))).toEqual(["NHI2:2025"]);
  });
});

describe("NHI6 Insecure Cloud Deployment Configurations", () => {
  const key = testRule({ tags: ["cloud-static-key"] });
  it("a static cloud key in a CI config without OIDC", () => {
    expect(ids(one(secret(), { rule: key, context: { ciConfig: true, ciPlatform: "github-actions", oidc: false } }))).toContain("NHI6:2025");
    expect(ids(one(secret(), { rule: key, path: ".github/workflows/deploy.yml" }))).toContain("NHI6:2025");
  });
  it("not when the workflow uses OIDC, nor outside CI configs", () => {
    expect(ids(one(secret(), { rule: key, context: { ciConfig: true, oidc: true } }))).not.toContain("NHI6:2025");
    expect(ids(one(secret(), { rule: key, path: "deploy/terraform.tfvars" }))).not.toContain("NHI6:2025");
  });
});

describe("NHI3 Vulnerable Third-Party NHI", () => {
  it("tokens in MCP and agent-tool configs", () => {
    expect(ids(one(secret(), { artifact: "mcp-config", path: "home/.claude.json" }))).toContain("NHI3:2025");
    expect(ids(one(secret(), { path: "proj/.cursor/mcp.json" }))).toContain("NHI3:2025");
    expect(ids(one(secret(), { path: "claude_desktop_config.json" }))).toContain("NHI3:2025");
    expect(ids(one(secret(), { path: "src/mcp.ts" }))).not.toContain("NHI3:2025");
  });
});

describe("NHI10 Human Use of NHI", () => {
  it("secrets in shell history and agent transcripts", () => {
    expect(ids(one(secret(), { artifact: "shell-history", path: "home/.zsh_history" }))).toContain("NHI10:2025");
    expect(ids(one(secret(), { path: "home/dev/.bash_history" }))).toContain("NHI10:2025");
    expect(ids(one(secret(), { artifact: "codex-transcript" }))).toContain("NHI10:2025");
  });
  it("human-bound tokens in CI, including JWTs with an email claim", () => {
    const pat = testRule({ tags: ["pat", "human-bound"], family: "github" });
    const f = one(secret(), { rule: pat, context: { ciConfig: true, ciPlatform: "github-actions" } });
    expect(ids(f)).toContain("NHI10:2025");
    expect(f.rationale?.["NHI10:2025"]).toContain("acts as a person (github)");
    expect(ids(one(hs256Jwt({ email: "dev@example.com", exp: T("2026-11-21T10:10:00Z") }), { artifact: "github-actions-log" }))).toContain("NHI10:2025");
    expect(ids(one(secret(), { rule: pat, path: "src/app.ts" }))).not.toContain("NHI10:2025");
  });
  it("CI-issued tokens are not human use even when they name the person who triggered them", () => {
    const gl = hs256Jwt({ iss: "https://gitlab.com", sub: "project_path:g/p:ref_type:branch:ref:main", project_path: "g/p", job_id: "1", user_email: "dev@example.com", email: "dev@example.com", exp: T("2026-11-21T10:05:00Z") });
    expect(ids(one(gl, { artifact: "gitlab-ci-log" }))).not.toContain("NHI10:2025");
  });
});

describe("NHI5 Overprivileged NHI", () => {
  it("privileged roles and wide scopes in claims", () => {
    const sr = one(hs256Jwt({ iss: "supabase", role: "service_role", iat: T("2026-01-01T00:00:00Z"), exp: T("2036-01-01T00:00:00Z") }));
    expect(ids(sr)).toEqual(["NHI2:2025", "NHI5:2025", "NHI7:2025"]);
    expect(sr.rationale?.["NHI5:2025"]).toContain("service_role");
    expect(sr.claims).toEqual({ iss: "supabase", role: "service_role" });
    expect(ids(one(hs256Jwt({ scp: "User.Read Directory.ReadWrite.All", exp: T("2026-11-21T10:30:00Z") })))).toContain("NHI5:2025");
    expect(ids(one(hs256Jwt({ scope: "read:user openid", role: "anon", exp: T("2026-11-21T10:30:00Z") })))).not.toContain("NHI5:2025");
  });
  it("a workflow granting write-all", () => {
    expect(ids(one(secret(), { context: { ciConfig: true, permissions: "write-all" } }))).toContain("NHI5:2025");
  });
});

describe("reuse and environments (NHI9, NHI8)", () => {
  it("one secret in unrelated places is NHI9 with occurrences on each", () => {
    const s = secret();
    const fs = run([detected(s, { path: "services/billing/.env" }), detected(s, { path: "services/search/config.yaml" })]);
    for (const f of fs) {
      expect(f.occurrences).toBe(2);
      expect(ids(f)).toContain("NHI9:2025");
      expect(f.rationale?.["NHI9:2025"]).toContain("services/billing/.env, services/search/config.yaml");
    }
  });
  it("one secret in files of one component is not reuse", () => {
    const s = secret();
    const fs = run([detected(s, { path: "app/.env" }), detected(s, { path: "app/src/config.ts" })]);
    expect(fs.map((f) => f.occurrences)).toEqual([2, 2]);
    for (const f of fs) expect(ids(f)).toEqual(["NHI2:2025"]);
  });
  it("one secret in several scan targets is NHI9", () => {
    const s = secret();
    const fs = run([detected(s, { target: "repo-a", path: ".env" }), detected(s, { target: "repo-b", path: ".env" })]);
    for (const f of fs) expect(ids(f)).toContain("NHI9:2025");
  });
  it("one secret in dev and prod files is NHI8, and its severity goes up one level", () => {
    const s = secret();
    const fs = run([detected(s, { path: "config/dev.env" }), detected(s, { path: "config/production.env" }), detected(secret(), { path: "config/prod.env" })]);
    expect(ids(fs[0])).toEqual(["NHI2:2025", "NHI8:2025"]);
    expect(fs[0].rationale?.["NHI8:2025"]).toContain("(dev, prod)");
    expect(fs[0].severity).toBe("critical");
    expect(ids(fs[2])).toEqual(["NHI2:2025"]);
    expect(fs[2].severity).toBe("high");
  });
  it("findings of different secrets never group", () => {
    const fs = run([detected(secret(), { path: "a/x" }), detected(secret(), { path: "b/y" })]);
    expect(fs.map((f) => f.occurrences)).toEqual([1, 1]);
  });
});

describe("NHI1 Improper Offboarding (weak)", () => {
  it("a secret only in history", () => {
    const f = one(secret(), { kind: "git", presentAtHead: false });
    expect(ids(f)).toContain("NHI1:2025");
    expect(f.rationale?.["NHI1:2025"]).toContain("commit 0123456789ab");
  });
  it("not when the same secret is still at HEAD elsewhere in the target", () => {
    const s = secret();
    const fs = run([detected(s, { kind: "git", presentAtHead: false, path: "old/.env" }), detected(s, { kind: "git", presentAtHead: true, path: "new/.env" })]);
    for (const f of fs) expect(ids(f)).not.toContain("NHI1:2025");
  });
});

describe("determinism and claims", () => {
  it("the same input gives the same classification", () => {
    const s = secret();
    const mk = () => [detected(s, { path: "config/dev/app.yaml", rule: testRule({ tags: ["url-credential"] }) }), detected(s, { path: "deploy/prod/app.yaml", rule: testRule({ tags: ["url-credential"] }) })];
    const a = run(mk());
    const b = run(mk());
    expect(a.map((f) => [f.nhi, f.rationale, f.severity])).toEqual(b.map((f) => [f.nhi, f.rationale, f.severity]));
    expect(ids(a[0])).toEqual(["NHI2:2025", "NHI4:2025", "NHI8:2025", "NHI9:2025"]);
  });
  it("claims hold identifiers only: personal claims are flags, other claims and the signature are absent", () => {
    const tok = hs256Jwt({ iss: "https://auth.example.com", sub: "svc-1", aud: ["api", "web"], scope: "read write", email: "dev@example.com", password: "hunter2", nested: { a: 1 } });
    const f = one(tok);
    expect(f.claims).toEqual({ iss: "https://auth.example.com", sub: "svc-1", aud: ["api", "web"], scope: "read write", email: true });
    const json = JSON.stringify(f);
    expect(json).not.toContain(tok.split(".")[2]);
    expect(json).not.toContain("hunter2");
    expect(json).not.toContain("dev@example.com");
  });
});

describe("classification data", () => {
  const { dir, cleanup } = tempDir("nhi-classify-");
  afterAll(cleanup);
  let n = 0;
  function dirWith(files: Record<string, string>): string {
    const d = join(dir, `d${n++}`);
    mkdirSync(d);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(d, name), text);
    return d;
  }

  it("the built-in rules cover every official id", () => {
    const cls = loadClassification();
    expect(new Set(cls.rules.map((r) => r.nhi))).toEqual(new Set(["NHI1:2025", "NHI2:2025", "NHI3:2025", "NHI4:2025", "NHI5:2025", "NHI6:2025", "NHI7:2025", "NHI8:2025", "NHI9:2025", "NHI10:2025"]));
    expect(cls.maxLifetime).toEqual(new Map([["agent", 900], ["ci", 3600], ["default", 86400]]));
  });

  it("user rules add ids, replace built-in rules by id, and user policy contexts come first", () => {
    const d = dirWith({
      "team.yaml": `rules:
  - id: team-payments-keys
    nhi: NHI5:2025
    title: Payment keys are always overprivileged here
    when: { family: [pay*] }
    severity: { atLeast: critical }
    rationale: "Team policy: {family} keys can move money."
  - id: nhi2-expired
    nhi: NHI2:2025
    title: Expired (team override)
    when: { lifetime: { expired: true } }
    rationale: "Expired {expiresAt}; kept at its severity."
`,
      "policy.yaml": `maxLifetime: { batch: 4h }
contexts:
  - name: batch
    when: { path: ["jobs/**"] }
`,
    });
    const o = opts({ classifyDirs: [d] });
    const pay = enrichAll([detected(secret(), { rule: testRule({ family: "payments", severity: "low" }) })], o)[0];
    expect(ids(pay)).toContain("NHI5:2025");
    expect(pay.severity).toBe("critical");
    expect(pay.rationale?.["NHI5:2025"]).toBe("Team policy: payments keys can move money.");
    const exp = enrichAll([detected(hs256Jwt({ exp: T("2026-11-20T00:00:00Z") }))], o)[0];
    expect(exp.severity).toBe("high");
    const iat = T("2026-11-21T09:00:00Z");
    const job = enrichAll([detected(hs256Jwt({ iat, exp: iat + 3 * 3600 }), { path: "jobs/nightly.log" })], o)[0];
    expect(ids(job)).not.toContain("NHI7:2025");
    const job5 = enrichAll([detected(hs256Jwt({ iat, exp: iat + 5 * 3600 }), { path: "jobs/nightly.log" })], o)[0];
    expect(job5.rationale?.["NHI7:2025"]).toContain("4 h maximum for batch");
  });

  it("bad data fails with the file and key", () => {
    const bad: [Record<string, string>, RegExp][] = [
      [{ "a.yaml": "rules:\n  - id: x\n    nhi: NHI-03\n    title: t\n    when: {}\n    rationale: r\n" }, /a\.yaml: rules\[0\]\.nhi/],
      [{ "a.yaml": "rules:\n  - id: x\n    nhi: NHI7:2025\n    title: t\n    when: { colour: red }\n    rationale: r\n" }, /when\.colour: unknown key/],
      [{ "a.yaml": "rules:\n  - id: x\n    nhi: NHI7:2025\n    title: t\n    when: { claims: { scope: { matches: '(' } } }\n    rationale: r\n" }, /claims\.scope\.matches: invalid regex/],
      [{ "a.yaml": "rules:\n  - id: x\n    nhi: NHI7:2025\n    title: t\n    when: {}\n    rationale: 'lives {forever}'\n" }, /unknown placeholder \{forever\}/],
      [{ "policy.yaml": "maxLifetime: { ci: soon }\n" }, /maxLifetime\.ci/],
      [{ "a.yaml": "rules: [\n" }, /not valid YAML/],
    ];
    for (const [files, re] of bad) {
      const d = dirWith(files);
      expect(() => loadClassification({ dirs: [d] })).toThrow(ClassifyLoadError);
      expect(() => loadClassification({ dirs: [d] })).toThrow(re);
    }
  });

  it("a config override for an unknown context is an error, not silently ignored", () => {
    expect(() => classificationFor(opts({ policy: { agents: "5m" } }))).toThrow(/policy\.maxLifetime\.agents: unknown policy context/);
  });
});
