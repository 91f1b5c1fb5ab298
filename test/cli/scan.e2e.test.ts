// End to end: the built CLI on temporary trees, as a user runs it.
import { chmodSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync, existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli.js";
import { badChecksumToken, githubToken } from "../helpers/tokens.js";

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

function write(rel: string, content: string | Buffer): string {
  const p = join(dir, rel);
  mkdirSync(join(p, ".."), { recursive: true });
  writeFileSync(p, content);
  return p;
}

describe("nhi-scan scan", () => {
  it("exits 0 on a clean tree and 1 with findings", () => {
    write("README.md", "nothing to see here\n");
    expect(runCli(["scan", dir]).code).toBe(0);
    write("config/app.env", `GITHUB_TOKEN=${githubToken()}\n`);
    const r = runCli(["scan", dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("config/app.env:1:14");
  });

  it("redacts secrets unless --show-secrets", () => {
    const tok = githubToken();
    write("a.txt", `token ${tok}\n`);
    for (const fmt of ["text", "json", "sarif"]) {
      const r = runCli(["scan", dir, "--format", fmt]);
      expect(r.stdout, fmt).not.toContain(tok);
      expect(r.stdout, fmt).toContain(`${tok.slice(0, 4)}…${tok.slice(-4)}`);
    }
    const shown = JSON.parse(runCli(["scan", dir, "-f", "json", "--show-secrets"]).stdout);
    expect(shown.findings[0].secret.value).toBe(tok);
  });

  it("writes JSON per the contract with exact positions and a stable fingerprint", () => {
    const tok = githubToken();
    write("src/config.ts", `// config\nexport const token = "${tok}";\n`);
    const a = JSON.parse(runCli(["scan", dir, "-f", "json"]).stdout);
    const b = JSON.parse(runCli(["scan", dir, "-f", "json"]).stdout);
    expect(a.schemaVersion).toBe(1);
    expect(a.tool.name).toBe("nhi-scan");
    expect(a.scan.source).toBe("filesystem");
    expect(a.scan.stats.files).toBe(1);
    const f = a.findings[0];
    expect(f).toMatchObject({
      ruleId: "github-pat-classic",
      family: "github",
      severity: "critical",
      confidence: "high",
      location: { target: dir, path: "src/config.ts", line: 2, column: 23, endLine: 2, endColumn: 63, kind: "file" },
      artifact: "plain",
      occurrences: 1,
    });
    expect(f.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(f.fingerprint).toBe(b.findings[0].fingerprint);
    expect(f.secret.length).toBe(40);
    expect(f.nhi.map((n: { id: string }) => n.id)).toContain("NHI2:2025");
  });

  it("keeps the fingerprint across paths and counts occurrences", () => {
    const tok = githubToken();
    write("a/one.env", `T=${tok}\n`);
    write("b/two.yaml", `token: ${tok}\n`);
    const r = JSON.parse(runCli(["scan", dir, "-f", "json"]).stdout);
    expect(r.findings).toHaveLength(2);
    expect(r.findings[0].fingerprint).toBe(r.findings[1].fingerprint);
    expect(r.findings.every((f: { occurrences: number }) => f.occurrences === 2)).toBe(true);
  });

  it("downgrades a GitHub token whose checksum fails", () => {
    write("a.txt", `${badChecksumToken()}\n`);
    const f = JSON.parse(runCli(["scan", dir, "-f", "json"]).stdout).findings[0];
    expect(f.confidence).toBe("low");
    expect(f.severity).toBe("high");
  });

  it("writes --output atomically with mode 0600 and picks the format by extension", () => {
    write("a.txt", `${githubToken()}\n`);
    const out = join(dir, "..", `${Date.now()}-report.sarif`);
    const r = runCli(["scan", dir, "-o", out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const sarif = JSON.parse(readFileSync(out, "utf8"));
    expect(sarif.version).toBe("2.1.0");
    // No temp files left beside it.
    expect(readdirSync(join(dir, "..")).filter((n) => n.includes(".tmp") && n.includes("report"))).toEqual([]);
  });

  it("applies --fail-on", () => {
    write("a.txt", `${badChecksumToken()}\n`); // high after downgrade
    expect(runCli(["scan", dir, "--fail-on", "critical"]).code).toBe(0);
    expect(runCli(["scan", dir, "--fail-on", "high"]).code).toBe(1);
  });

  it("exits 2 on usage errors, never 1", () => {
    expect(runCli(["scan", dir, "--format", "yaml"]).code).toBe(2);
    expect(runCli(["scan", dir, "--fail-on", "severe"]).code).toBe(2);
    expect(runCli(["scan", dir, "--now", "yesterday"]).code).toBe(2);
    expect(runCli(["nonsense"]).code).toBe(2);
    expect(runCli(["scan", dir, "--max-file-size", "lots"]).code).toBe(2);
    // A mistyped target is not a clean scan.
    const missing = runCli(["scan", dir, join(dir, "no-such-dir")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no-such-dir: no such file or directory/);
    expect(runCli(["agents", "--home", join(dir, "no-such-home")]).code).toBe(2);
    expect(runCli(["baseline", "create", join(dir, "no-such-dir")]).code).toBe(2);
  });

  it("rejects a bad config with exit 2 naming the key", () => {
    write("a.txt", `${githubToken()}\n`);
    write(".nhi-scan.yaml", "failOn: low\nallow:\n  pathz: [x]\n");
    let r = runCli(["scan", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("allow.pathz");
    write(".nhi-scan.yaml", "failOn: sometimes\n");
    r = runCli(["scan", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("failOn");
    write(".nhi-scan.yaml", "rules: [\n");
    expect(runCli(["scan", dir]).code).toBe(2);
    expect(runCli(["scan", dir, "--config", join(dir, "missing.yaml")]).code).toBe(2);
  });

  it("honours config: failOn, disabled rules, allow.paths and allow.fingerprints", () => {
    const tok = githubToken();
    write("src/a.txt", `${tok}\n`);
    write("fixtures/b.txt", `${githubToken()}\n`);
    write(".nhi-scan.yaml", "allow:\n  paths: ['fixtures/**']\n");
    let r = JSON.parse(runCli(["scan", dir, "-f", "json"]).stdout);
    expect(r.findings.map((f: { location: { path: string } }) => f.location.path)).toEqual(["src/a.txt"]);
    const fp = r.findings[0].fingerprint;
    write(".nhi-scan.yaml", `allow:\n  paths: ['fixtures/**']\n  fingerprints: ["${fp}"]\n`);
    const res = runCli(["scan", dir, "-f", "json"]);
    expect(res.code).toBe(0);
    r = JSON.parse(res.stdout);
    expect(r.findings[0].suppressed).toBeTruthy();
    write(".nhi-scan.yaml", "rules:\n  disable: [github-pat-classic]\n");
    expect(runCli(["scan", dir]).code).toBe(0);
    write(".nhi-scan.yaml", "failOn: critical\n");
    expect(runCli(["scan", join(dir, "fixtures")]).code).toBe(1);
  });

  it("honours .gitignore unless --no-ignore, includes dotfiles, skips .git", () => {
    write(".gitignore", "secret.env\nbuild/\n");
    write("secret.env", `T=${githubToken()}\n`);
    write("build/out.txt", `T=${githubToken()}\n`);
    write(".env", `T=${githubToken()}\n`);
    write(".git/config", `T=${githubToken()}\n`);
    let r = JSON.parse(runCli(["scan", dir, "-f", "json"]).stdout);
    expect(r.findings.map((f: { location: { path: string } }) => f.location.path)).toEqual([".env"]);
    r = JSON.parse(runCli(["scan", dir, "-f", "json", "--no-ignore"]).stdout);
    expect(r.findings.map((f: { location: { path: string } }) => f.location.path).sort()).toEqual([".env", "build/out.txt", "secret.env"]);
  });

  it("applies --include and --exclude", () => {
    write("a.env", `T=${githubToken()}\n`);
    write("sub/b.txt", `T=${githubToken()}\n`);
    let r = JSON.parse(runCli(["scan", dir, "-f", "json", "--include", "*.env"]).stdout);
    expect(r.findings.map((f: { location: { path: string } }) => f.location.path)).toEqual(["a.env"]);
    r = JSON.parse(runCli(["scan", dir, "-f", "json", "--exclude", "sub"]).stdout);
    expect(r.findings.map((f: { location: { path: string } }) => f.location.path)).toEqual(["a.env"]);
  });

  it("warns about binary, huge and unreadable files and keeps scanning", () => {
    write("bin.dat", Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(githubToken())]));
    // Plain text above --max-file-size is scanned in chunks; UTF-16 (decoded whole) is skipped.
    write("big.txt", `${"x".repeat(2048)}\n${githubToken()}\n`);
    write("big16.txt", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${"x".repeat(2048)}\n${githubToken()}\n`, "utf16le")]));
    const locked = write("locked.txt", `${githubToken()}\n`);
    chmodSync(locked, 0o000);
    write("ok.txt", `${githubToken()}\n`);
    const r = runCli(["scan", dir, "-f", "json", "--max-file-size", "1KB"]);
    const rep = JSON.parse(r.stdout);
    expect(r.code).toBe(1);
    expect(rep.scan.stats.skipped.binary).toBe(1);
    expect(rep.scan.stats.skipped.tooLarge).toBe(1);
    expect(r.stderr).toContain("big16.txt");
    const paths = rep.findings.map((f: { location: { path: string } }) => f.location.path);
    expect(paths).toContain("ok.txt");
    expect(paths).toContain("big.txt");
    expect(rep.errors.map((e: { path: string }) => e.path)).toContain("big16.txt");
    // Root can read anything; elsewhere the locked file is an error, not a crash.
    if (process.getuid?.() !== 0) {
      expect(rep.errors.map((e: { path: string }) => e.path)).toContain("locked.txt");
      expect(rep.scan.stats.skipped.unreadable).toBe(1);
    }
    chmodSync(locked, 0o600);
  });

  it("does not follow symlinks, and survives a symlink loop", () => {
    write("real/a.txt", `${githubToken()}\n`);
    symlinkSync(join(dir, "real"), join(dir, "link"));
    symlinkSync(join(dir, "loop"), join(dir, "loop2"));
    symlinkSync(join(dir, "loop2"), join(dir, "loop"));
    const r = runCli(["scan", dir, "-f", "json"]);
    const rep = JSON.parse(r.stdout);
    expect(rep.findings.map((f: { location: { path: string } }) => f.location.path)).toEqual(["real/a.txt"]);
  });

  it("scans stdin with -", () => {
    const tok = githubToken();
    const r = runCli(["scan", "-", "-f", "json"], { input: `line one\nexport T=${tok}\n` });
    expect(r.code).toBe(1);
    const f = JSON.parse(r.stdout).findings[0];
    expect(f.location).toMatchObject({ kind: "stdin", path: "stdin", target: "-", line: 2, column: 10 });
  });

  it("skips values marked nhi-scan:allow and placeholders", () => {
    write("a.txt", `T=${githubToken()} # nhi-scan:allow\nT=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n`);
    expect(runCli(["scan", dir]).code).toBe(0);
  });

  it("reports columns in UTF-16 units after multi-byte characters", () => {
    write("a.txt", `é😀 ${githubToken()}\n`);
    const f = JSON.parse(runCli(["scan", dir, "-f", "json"]).stdout).findings[0];
    expect(f.location.column).toBe(5);
  });

  it("finds a token inside a Kubernetes Secret's base64 data", () => {
    const tok = githubToken();
    const b64 = Buffer.from(tok).toString("base64");
    write("k8s/secret.yaml", `apiVersion: v1\nkind: Secret\nmetadata:\n  name: gh\ntype: Opaque\ndata:\n  token: ${b64}\n`);
    const f = JSON.parse(runCli(["scan", dir, "-f", "json"]).stdout).findings[0];
    expect(f.ruleId).toBe("github-pat-classic");
    expect(f.location.line).toBe(7);
    expect(f.location.column).toBe(10);
    expect(f.artifact).toBe("kubernetes-secret");
  });

  it("scans a single file target", () => {
    const p = write("one.env", `T=${githubToken()}\n`);
    const r = JSON.parse(runCli(["scan", p, "-f", "json"]).stdout);
    expect(r.findings).toHaveLength(1);
    expect(existsSync(p)).toBe(true);
  });
});

describe("nhi-scan rules", () => {
  it("lists rules as JSON", () => {
    const r = runCli(["rules", "list", "--format", "json"]);
    expect(r.code).toBe(0);
    const rules = JSON.parse(r.stdout);
    expect(Array.isArray(rules)).toBe(true);
    expect(rules.find((x: { id: string }) => x.id === "github-pat-classic")).toBeTruthy();
  });

  it("runs the examples and fails on a broken rule", () => {
    expect(runCli(["rules", "test"]).code).toBe(0);
    const { dir: d, cleanup: c } = tempDir();
    writeFileSync(
      join(d, "bad.yaml"),
      "family: custom\nrules:\n  - id: custom-token\n    name: Custom\n    description: d\n    keywords: [cust_]\n    pattern: '(cust_[a-z]{10})'\n    severity: high\n    confidence: high\n    examples: ['cust_ABCDEFGHIJ']\n",
    );
    const r = runCli(["rules", "test", "--rules-dir", d]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("custom-token");
    c();
  });
});

describe("warnings never carry a secret", () => {
  it("a broken JSON artifact's warning does not quote its content", () => {
    const { dir: d, cleanup: c } = tempDir();
    const tok = githubToken();
    writeFileSync(join(d, "team_state.json"), `{"agent_states": {"a": ${tok}}`);
    mkdirSync(join(d, "sessions"), { recursive: true });
    writeFileSync(join(d, "sessions", "log.jsonl"), `{"timestamp": "2026-11-21T10:00:00Z", "x": ${tok}}\n`);
    const r = runCli(["scan", d, "-f", "json"]);
    expect(r.stderr).toContain("not valid JSON");
    // Not even the fragment a parser quotes around the failing byte.
    expect(r.stderr).not.toContain(tok.slice(4, 10));
    const rep = JSON.parse(r.stdout);
    expect(JSON.stringify(rep.errors)).not.toContain(tok.slice(4, 10));
    expect(JSON.stringify(rep.findings)).not.toContain(tok);
    c();
  });
});
