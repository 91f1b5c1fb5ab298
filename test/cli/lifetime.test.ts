// End to end with the built-in rule pack, as a user runs it: the built CLI decodes lifetimes against
// --now, --task-end and a timestamped log's last line, classifies with the OWASP NHI ids, honours the
// config policy, and survives malformed tokens.
import { spawnSync } from "node:child_process";
import { accessSync, chmodSync, constants, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import Ajv from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli.js";
import { azureSas, epoch, gcsSignedV2, gcsSignedV4, hs256Jwt, s3PresignedV2, s3PresignedV4, unsignedJwt } from "../helpers/lifetime-tokens.js";
import { randomString } from "../helpers/tokens.js";
import type { Finding, Report } from "../../src/model.js";

const NOW = "2026-11-21T10:00:00Z";
const T = (iso: string) => epoch(iso);

let root: string;
let cleanup: () => void;

beforeAll(() => {
  ({ dir: root, cleanup } = tempDir("nhi-lifetime-e2e-"));
});
afterAll(() => cleanup());

/** A fresh project directory with these files. */
function project(name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(dir, p, ".."), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

function scanJson(dir: string, ...args: string[]): { report: Report; code: number; stderr: string } {
  const r = runCli(["scan", ".", "--now", NOW, "--format", "json", ...args], { cwd: dir });
  expect(r.stderr).not.toMatch(/fatal/);
  return { report: JSON.parse(r.stdout) as Report, code: r.code, stderr: r.stderr };
}

const at = (r: Report, path: string, line: number): Finding => {
  const f = r.findings.find((x) => x.location.path === path && x.location.line === line);
  expect(f, `${path}:${line} in ${JSON.stringify(r.findings.map((x) => `${x.location.path}:${x.location.line}`))}`).toBeDefined();
  return f!;
};
const ids = (f: Finding) => f.nhi.map((n) => n.id);

describe("JWT lifetimes against --now", () => {
  const iat = T("2026-11-21T09:00:00Z");
  let report: Report;
  beforeAll(() => {
    const dir = project("jwts", {
      "tokens.env": [
        `LONG=${hs256Jwt({ sub: "svc-long", iat, exp: iat + 365 * 86400 })}`,
        `NOEXP=${hs256Jwt({ sub: "svc-noexp", iat })}`,
        `MILLIS=${hs256Jwt({ sub: "svc-ms", iat: iat * 1000, exp: (iat + 7200) * 1000 })}`,
        `FLOAT=${hs256Jwt({ sub: "svc-float", iat: iat + 0.5, nbf: iat, exp: iat + 1800.5 })}`,
        `NOTIMES=${hs256Jwt({ sub: "svc-none" })}`,
      ].join("\n"),
    });
    report = scanJson(dir).report;
  });

  it("reads seconds: a year-long token, live, NHI7 above the 24 h default", () => {
    const f = at(report, "tokens.env", 1);
    expect(f.lifetime).toEqual({
      kind: "jwt",
      basis: "exp claim",
      issuedAt: "2026-11-21T09:00:00.000Z",
      notBefore: null,
      expiresAt: "2027-11-21T09:00:00.000Z",
      lifetimeSeconds: 365 * 86400,
      expired: false,
      remainingSeconds: 365 * 86400 - 3600,
      taskEnd: null,
      outlivesTask: null,
      residualSeconds: null,
    });
    expect(ids(f)).toEqual(["NHI2:2025", "NHI7:2025"]);
    expect(f.claims).toEqual({ sub: "svc-long" });
    expect(f.rationale?.["NHI7:2025"]).toContain("exceeds the 24 h maximum for default credentials");
  });

  it("no exp: never expires, NHI7", () => {
    const f = at(report, "tokens.env", 2);
    expect(f.lifetime).toMatchObject({ basis: "no exp claim", expiresAt: null, lifetimeSeconds: null, expired: false, remainingSeconds: null });
    expect(ids(f)).toEqual(["NHI2:2025", "NHI7:2025"]);
  });

  it("milliseconds: read as such; 2 h, live, within policy", () => {
    const f = at(report, "tokens.env", 3);
    expect(f.lifetime).toMatchObject({ expiresAt: "2026-11-21T11:00:00.000Z", lifetimeSeconds: 7200, expired: false, remainingSeconds: 3600 });
    expect(f.lifetime?.basis).toContain("milliseconds");
    expect(ids(f)).toEqual(["NHI2:2025"]);
  });

  it("floats: expired 30 min after issue, severity capped at low", () => {
    const f = at(report, "tokens.env", 4);
    expect(f.lifetime).toMatchObject({ notBefore: "2026-11-21T09:00:00.000Z", expiresAt: "2026-11-21T09:30:00.500Z", lifetimeSeconds: 1800, expired: true, remainingSeconds: 0 });
    expect(f.severity).toBe("low");
  });

  it("no time claims at all: never expires", () => {
    const f = at(report, "tokens.env", 5);
    expect(f.lifetime?.expiresAt).toBeNull();
    expect(ids(f)).toContain("NHI7:2025");
  });

  it("the JSON never holds a signature or a raw token", () => {
    const text = JSON.stringify(report);
    expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.eyJ/);
  });
});

describe("task end", () => {
  const tok = hs256Jwt({ sub: "svc", iat: T("2026-11-21T09:50:00Z"), exp: T("2026-11-21T11:00:00Z") });

  it("--task-end sets outlivesTask and residualSeconds", () => {
    const dir = project("taskend", { "a.env": `T=${tok}\n` });
    const f = at(scanJson(dir, "--task-end", "2026-11-21T10:02:00Z").report, "a.env", 1);
    expect(f.lifetime).toMatchObject({ taskEnd: "2026-11-21T10:02:00.000Z", outlivesTask: true, residualSeconds: 3480 });
    expect(ids(f)).toContain("NHI7:2025");
    const later = at(scanJson(dir, "--task-end", "2026-11-21T12:00:00Z").report, "a.env", 1);
    expect(later.lifetime).toMatchObject({ outlivesTask: false, residualSeconds: null });
    const now = at(scanJson(dir, "--task-end", "now").report, "a.env", 1);
    expect(now.lifetime).toMatchObject({ taskEnd: "2026-11-21T10:00:00.000Z", residualSeconds: 3600 });
  });

  it("a timestamped log's last line is the task end", () => {
    const dir = project("tslog", {
      "deploy.log": [
        "2026-11-21 09:58:00,123 INFO starting deploy",
        `2026-11-21 09:59:00,000 INFO using token ${tok}`,
        "2026-11-21 10:05:00,000 INFO done",
        "  trailing detail without a stamp",
        "",
      ].join("\n"),
      // GitHub Actions job logs (7-digit fractions) get their window from the CI-log extractor.
      "job.txt": [
        "2026-11-21T09:58:00.1234567Z ##[group]Run deploy",
        `2026-11-21T09:59:00.0000000Z using token ${tok}`,
        "2026-11-21T10:04:00.5000000Z ##[endgroup]",
        "",
      ].join("\n"),
    });
    const report = scanJson(dir).report;
    const f = at(report, "deploy.log", 2);
    expect(f.artifact).toBe("plain");
    expect(f.lifetime).toMatchObject({ taskEnd: "2026-11-21T10:05:00.000Z", outlivesTask: true, residualSeconds: 3300, remainingSeconds: 3600 });
    expect(f.rationale?.["NHI7:2025"]).toContain("It stays valid 55 min after the task that used it ended (2026-11-21 10:05Z).");
    const gh = at(report, "job.txt", 2);
    expect(gh.artifact).toBe("github-actions-log");
    expect(gh.lifetime).toMatchObject({ taskEnd: "2026-11-21T10:04:00.500Z", outlivesTask: true, residualSeconds: 3360 });
    // A CI log is judged by the CI policy: 70 min is above 1 h.
    expect(gh.rationale?.["NHI7:2025"]).toContain("exceeds the 1 h maximum for ci credentials");
  });

  it("no task end: outlivesTask is null", () => {
    const dir = project("notask", { "a.env": `T=${tok}\n` });
    expect(at(scanJson(dir).report, "a.env", 1).lifetime).toMatchObject({ taskEnd: null, outlivesTask: null, residualSeconds: null });
  });
});

describe("signed URLs and SAS", () => {
  let report: Report;
  beforeAll(() => {
    const dir = project("urls", {
      "links.md": [
        `report: ${s3PresignedV4("2026-11-21T09:50:00Z", 3600)}`,
        `data: ${gcsSignedV4("2026-11-14T10:00:00Z", 604800)}`,
        `blob: https://acct.blob.core.windows.net/c/file.txt?${azureSas("2027-11-21T10:00:00Z", "2026-11-21T09:00:00Z")}`,
      ].join("\n"),
    });
    report = scanJson(dir, "--task-end", "2026-11-21T10:00:00Z").report;
  });
  it("S3 SigV4", () => {
    const f = at(report, "links.md", 1);
    expect(f.lifetime).toMatchObject({ kind: "signed-url", lifetimeSeconds: 3600, expiresAt: "2026-11-21T10:50:00.000Z", remainingSeconds: 3000, outlivesTask: true, residualSeconds: 3000 });
    expect(ids(f)).toEqual(["NHI2:2025", "NHI4:2025", "NHI7:2025"]);
  });
  it("GCS V4 at 7 days, expired exactly now", () => {
    const f = at(report, "links.md", 2);
    expect(f.lifetime).toMatchObject({ kind: "signed-url", lifetimeSeconds: 604800, expired: true, remainingSeconds: 0, outlivesTask: false });
  });
  it("Azure SAS for a year", () => {
    const f = at(report, "links.md", 3);
    expect(f.lifetime).toMatchObject({ kind: "sas", lifetimeSeconds: 365 * 86400 + 3600, expired: false });
    expect(ids(f)).toEqual(["NHI2:2025", "NHI4:2025", "NHI7:2025"]);
  });
});

describe("signed URLs and SAS with the built-in rules alone", () => {
  // The built-in rules take the signature as the secret; the expiry is read from the query around it,
  // on either side of the signature.
  let report: Report;
  const portalSas = () => {
    // The Azure portal's order: start and expiry before sv, the signature last.
    const q = new URLSearchParams(azureSas("2027-11-21T10:00:00Z", "2026-11-21T09:00:00Z"));
    return `sp=r&st=${encodeURIComponent(q.get("st")!)}&se=${encodeURIComponent(q.get("se")!)}&spr=https&sv=2022-11-02&sr=b&sig=${encodeURIComponent(q.get("sig")!)}`;
  };
  const sigFirstV2 = () => {
    const u = new URL(s3PresignedV2("2027-01-01T00:00:00Z"));
    const p = u.searchParams;
    return `${u.origin}${u.pathname}?Signature=${encodeURIComponent(p.get("Signature")!)}&Expires=${p.get("Expires")}&AWSAccessKeyId=${p.get("AWSAccessKeyId")}`;
  };
  const serviceBus = `SharedAccessSignature sr=https%3A%2F%2Forders.servicebus.windows.net%2Fq&sig=${encodeURIComponent(randomString(43) + "=")}&se=${T("2026-11-21T11:00:00Z")}&skn=send`;
  beforeAll(() => {
    const dir = project("urls-builtin", {
      "links.md": [
        `report: ${s3PresignedV4("2026-11-21T09:50:00Z", 3600)}`,
        `data: ${gcsSignedV4("2026-11-14T10:00:00Z", 604800)}`,
        `blob: https://acct.blob.core.windows.net/c/file.txt?${portalSas()}`,
        `legacy: ${s3PresignedV2("2027-01-01T00:00:00Z")}`,
        `boto2: ${sigFirstV2()}`,
        `gcs2: ${gcsSignedV2("2026-12-01T00:00:00Z")}`,
        `Authorization: ${serviceBus}`,
      ].join("\n"),
    });
    const r = runCli(["scan", ".", "--now", NOW, "--task-end", "2026-11-21T10:00:00Z", "--format", "json"], { cwd: dir });
    report = JSON.parse(r.stdout) as Report;
  });
  it.each([
    [1, "aws-s3-presigned-url", { kind: "signed-url", expiresAt: "2026-11-21T10:50:00.000Z", lifetimeSeconds: 3600 }],
    [2, "gcp-storage-signed-url", { kind: "signed-url", lifetimeSeconds: 604800, expired: true }],
    [3, "azure-sas-token", { kind: "sas", issuedAt: "2026-11-21T09:00:00.000Z", expiresAt: "2027-11-21T10:00:00.000Z", outlivesTask: true }],
    [4, "aws-s3-presigned-url-v2", { kind: "signed-url", expiresAt: "2027-01-01T00:00:00.000Z", lifetimeSeconds: null }],
    [5, "aws-s3-presigned-url-v2", { kind: "signed-url", expiresAt: "2027-01-01T00:00:00.000Z" }],
    [6, "gcp-storage-signed-url-v2", { kind: "signed-url", expiresAt: "2026-12-01T00:00:00.000Z" }],
    [7, "azure-service-bus-sas-token", { kind: "sas", expiresAt: "2026-11-21T11:00:00.000Z", remainingSeconds: 3600, residualSeconds: 3600 }],
  ])("line %i: %s", (line, ruleId, lifetime) => {
    const f = at(report, "links.md", line as number);
    expect(f.ruleId).toBe(ruleId);
    expect(f.lifetime).toMatchObject(lifetime as object);
  });
});

describe("policy from config", () => {
  const iat = T("2026-11-21T09:00:00Z");
  const files = () => ({ "t.env": `A=${hs256Jwt({ iat, exp: iat + 2 * 86400 })}\n` });

  it("policy.maxLifetime.default overrides the built-in 24 h", () => {
    const dir = project("policy", files());
    expect(ids(at(scanJson(dir).report, "t.env", 1))).toContain("NHI7:2025");
    writeFileSync(join(dir, ".nhi-scan.yaml"), "policy:\n  maxLifetime: { default: 7d }\n");
    expect(ids(at(scanJson(dir).report, "t.env", 1))).toEqual(["NHI2:2025"]);
    writeFileSync(join(dir, ".nhi-scan.yaml"), "policy:\n  maxLifetime: { default: 1h }\n");
    expect(at(scanJson(dir).report, "t.env", 1).rationale?.["NHI7:2025"]).toContain("1 h maximum");
  });

  it("an unknown policy context or a bad classification dir is exit 2 with the key", () => {
    const dir = project("policy-bad", files());
    writeFileSync(join(dir, ".nhi-scan.yaml"), "policy:\n  maxLifetime: { pipelines: 1h }\n");
    const r = runCli(["scan", ".", "--now", NOW], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("policy.maxLifetime.pipelines");
    mkdirSync(join(dir, "cls"));
    writeFileSync(join(dir, "cls", "x.yaml"), "rules:\n  - id: x\n    nhi: NHI-03\n    title: t\n    when: {}\n    rationale: r\n");
    writeFileSync(join(dir, ".nhi-scan.yaml"), "classify:\n  dirs: [cls]\n");
    const r2 = runCli(["scan", ".", "--now", NOW], { cwd: dir });
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/x\.yaml: rules\[0\]\.nhi/);
  });

  it("classify.dirs adds the team's own rules", () => {
    const dir = project("policy-team", files());
    mkdirSync(join(dir, "security"));
    writeFileSync(join(dir, "security", "team.yaml"), 'rules:\n  - id: team-env-files\n    nhi: NHI10:2025\n    title: t\n    when: { path: ["*.env"] }\n    rationale: "Team rule on {path}."\n');
    writeFileSync(join(dir, ".nhi-scan.yaml"), "classify:\n  dirs: [security]\n");
    const f = at(scanJson(dir).report, "t.env", 1);
    expect(f.rationale?.["NHI10:2025"]).toBe("Team rule on t.env.");
  });
});

describe("malformed tokens", () => {
  it("never crash the scan and are not reported as JWTs", () => {
    const good = hs256Jwt({ sub: "fine", exp: T("2026-11-21T10:30:00Z") });
    const [h, , s] = good.split(".");
    const b = (x: string) => Buffer.from(x).toString("base64url");
    const dir = project("malformed", {
      "bad.txt": [
        `notjson ${h}.${b("this is not json at all")}.${s}`,
        `badb64 ${h}.eyJ%%%%not-base64%%%%.${s}`,
        `truncated ${h}.${b('{"sub":"x","exp":')}.${s}`,
        `array ${h}.${b("[1,2,3]")}.${s}`,
        `huge ${h}.${b(JSON.stringify({ sub: "x", pad: "A".repeat(300_000) }))}.${s}`,
        `large ${h}.${b(JSON.stringify({ sub: "x", pad: "B".repeat(5000) }))}.${s}`,
        `good ${good}`,
      ].join("\n"),
    });
    const { report, code } = scanJson(dir);
    expect([0, 1]).toContain(code);
    const jwtish = report.findings.filter((f) => /jwt/i.test(f.ruleId) || /jwt/i.test(f.family) || f.lifetime?.kind === "jwt");
    // A large but bounded payload is still a JWT; the malformed and huge ones are not.
    expect(jwtish.map((f) => f.location.line)).toEqual([6, 7]);
  });
});

describe("text, SARIF and gates", () => {
  const tok = hs256Jwt({ sub: "svc", iat: T("2026-11-20T10:00:00Z"), exp: T("2027-11-21T10:00:00Z") });
  const expired = hs256Jwt({ sub: "old", iat: T("2026-11-01T00:00:00Z"), exp: T("2026-11-02T00:00:00Z") });
  let dir: string;
  beforeAll(() => {
    dir = project("outputs", { "app.env": `A=${tok}\nB=${expired}\n` });
  });

  it("text shows the lifetime line and the live/expired/residual summary", () => {
    const r = runCli(["scan", ".", "--now", NOW, "--task-end", "2026-11-21T10:02:00Z"], { cwd: dir });
    expect(r.stdout).toContain("lifetime: expires 2027-11-21 (in 365 d); outlived its task (ended 2026-11-21 10:02Z) by 365 d; issued for 366 d");
    expect(r.stdout).toContain("lifetime: expired 2026-11-02 (19 d ago); expired before its task ended (2026-11-21 10:02Z); issued for 24 h");
    expect(r.stdout).toContain("NHI7:2025: ");
    expect(r.stdout).toContain("Lifetimes: 2 credentials with a known lifetime: 1 live, 1 expired");
    expect(r.stdout).toContain("Residual exposure: 1 credential outlived its task; total 365 d");
    expect(r.stdout).not.toContain(tok.split(".")[2]);
  });

  it("SARIF carries NHI ids in result properties and rule tags, and lifetime figures", () => {
    const r = runCli(["scan", ".", "--now", NOW, "--task-end", "2026-11-21T10:02:00Z", "--format", "sarif"], { cwd: dir });
    const log = JSON.parse(r.stdout);
    const run = log.runs[0];
    const res = run.results.find((x: { locations: { physicalLocation: { region: { startLine: number } } }[] }) => x.locations[0].physicalLocation.region.startLine === 1);
    expect(res.properties.nhi).toEqual(["NHI2:2025", "NHI7:2025"]);
    expect(res.properties).toMatchObject({ lifetimeSeconds: 366 * 86400, expiresAt: "2027-11-21T10:00:00.000Z", taskEnd: "2026-11-21T10:02:00.000Z", outlivesTask: true, residualSeconds: 365 * 86400 - 120 });
    expect(res.properties.nhiRationale["NHI7:2025"]).toContain("exceeds");
    const rule = run.tool.driver.rules[res.ruleIndex];
    expect(rule.properties.tags).toEqual(expect.arrayContaining(["security", "NHI2:2025", "NHI7:2025"]));
  });

  it("SARIF with lifetime and NHI properties is valid (schema and multitool Gh;Sarif rules)", () => {
    const out = join(root, "lifetime.sarif");
    project("outputs-sarif", {
      "deploy.log": `2026-11-21T09:00:00Z start\n2026-11-21T09:01:00Z ${tok}\n2026-11-21T09:05:00Z done\n`,
      "links.md": `${s3PresignedV4("2026-11-21T09:50:00Z", 3600)}\nsas ?${azureSas("2027-01-01T00:00:00Z")}\n`,
      "n.txt": `${unsignedJwt({ sub: "x" })}\n`,
    });
    runCli(["scan", "outputs-sarif", "--now", NOW, "-o", out, "-q"], { cwd: root });
    const log = JSON.parse(readFileSync(out, "utf8"));
    expect(log.runs[0].results.length).toBe(4);
    const require = createRequire(import.meta.url);
    const toolDir = dirname(require.resolve("@microsoft/sarif-multitool-linux/package.json"));
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(join(toolDir, "sarif-2.1.0.json"), "utf8")));
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const bin = join(toolDir, "Sarif.Multitool");
    if (!existsSync(bin)) return;
    try {
      accessSync(bin, constants.X_OK);
    } catch {
      chmodSync(bin, 0o755);
    }
    const report = join(root, "lifetime-validation.sarif");
    const r = spawnSync(bin, ["validate", "--rule-kind", "Gh;Sarif", "--output", report, out], { encoding: "utf8" });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const problems = (JSON.parse(readFileSync(report, "utf8")).runs?.[0]?.results ?? []).filter((x: { level?: string }) => x.level === "error" || x.level === "warning");
    expect(problems).toEqual([]);
  });

  it("--fail-on-nhi gates on chosen ids only", () => {
    expect(runCli(["scan", ".", "--now", NOW, "--fail-on-nhi", "NHI7:2025", "-q"], { cwd: dir }).code).toBe(1);
    expect(runCli(["scan", ".", "--now", NOW, "--fail-on-nhi", "NHI6:2025,NHI3:2025", "-q"], { cwd: dir }).code).toBe(0);
  });
});

describe("reuse across targets and environments", () => {
  it("one secret in two targets scanned at once: occurrences 2 and NHI9; dev and prod: NHI8", () => {
    const tok = hs256Jwt({ sub: "shared", iat: T("2026-11-21T09:00:00Z"), exp: T("2026-11-21T10:30:00Z") });
    project("reuse-a", { "config/dev.env": `T=${tok}\n` });
    project("reuse-b", { "config/prod.env": `T=${tok}\n` });
    const r = runCli(["scan", "reuse-a", "reuse-b", "--now", NOW, "--format", "json"], { cwd: root });
    const report = JSON.parse(r.stdout) as Report;
    const shared = report.findings.filter((f) => f.claims?.sub === "shared");
    expect(shared).toHaveLength(2);
    for (const f of shared) {
      expect(f.occurrences).toBe(2);
      expect(ids(f)).toEqual(["NHI2:2025", "NHI8:2025", "NHI9:2025"]);
    }
  });

  it("a random non-lifetime secret keeps lifetime absent", () => {
    const dir = project("plain", { "x.txt": `nothing here ${randomString(10)}\n` });
    expect(scanJson(dir).report.findings).toEqual([]);
  });
});

describe("unsigned tokens", () => {
  it("alg none is NHI4", () => {
    const dir = project("none", { "n.txt": `T=${unsignedJwt({ sub: "x", iat: T("2026-11-21T09:59:00Z"), exp: T("2026-11-21T10:04:00Z") })}\n` });
    const f = at(scanJson(dir).report, "n.txt", 1);
    expect(ids(f)).toEqual(["NHI2:2025", "NHI4:2025"]);
  });
});
