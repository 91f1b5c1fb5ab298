// --shard K/N partitions the work; the merged report of all shards equals the unsharded run, on a
// tree and on a git history.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli.js";
import { githubToken } from "../helpers/tokens.js";
import type { Report } from "../../src/model.js";

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir()));
afterAll(() => cleanup());

/** What must be identical: each finding's identity, place, classification and reuse count. */
function shape(r: Report): string[] {
  return r.findings
    .map((f) =>
      JSON.stringify([f.fingerprint, f.ruleId, f.location.path, f.location.line, f.location.column, f.location.commit ?? null, f.location.presentAtHead ?? null, f.severity, f.occurrences, f.nhi.map((n) => n.id)]),
    )
    .sort();
}

function scanJson(args: string[], cwd: string): Report {
  const r = runCli([...args, "-f", "json", "--now", "2026-11-21T10:00:00Z"], { cwd });
  expect(r.code, r.stderr).toBeLessThan(2);
  return JSON.parse(r.stdout);
}

function mergedShards(args: string[], n: number, cwd: string): Report {
  const files: string[] = [];
  for (let k = 1; k <= n; k++) {
    const out = join(dir, `shard-${args[0]}-${k}.json`);
    const r = runCli([...args, "--shard", `${k}/${n}`, "-f", "json", "-o", out, "--now", "2026-11-21T10:00:00Z"], { cwd });
    expect(r.code, r.stderr).toBeLessThan(2);
    files.push(out);
  }
  const m = runCli(["report", ...files, "-f", "json"], { cwd });
  expect(m.code, m.stderr).toBe(0);
  return JSON.parse(m.stdout);
}

describe("--shard", () => {
  it("rejects malformed shards", () => {
    expect(runCli(["scan", dir, "--shard", "0/3"]).code).toBe(2);
    expect(runCli(["scan", dir, "--shard", "4/3"]).code).toBe(2);
    expect(runCli(["scan", dir, "--shard", "x"]).code).toBe(2);
  });

  it("on a tree: every file in exactly one shard, the merge equals the unsharded scan", () => {
    const tree = join(dir, "tree");
    const shared = githubToken();
    for (let i = 0; i < 24; i++) {
      const sub = join(tree, `svc-${i % 4}`, i % 2 ? "prod" : "dev");
      mkdirSync(sub, { recursive: true });
      writeFileSync(join(sub, `config-${i}.env`), `A=${githubToken()}\n${i % 5 === 0 ? `SHARED=${shared}\n` : ""}`);
    }
    const full = scanJson(["scan", "tree"], dir);
    const merged = mergedShards(["scan", "tree"], 3, dir);
    expect(full.findings.length).toBeGreaterThan(24);
    expect(shape(merged)).toEqual(shape(full));
    expect(merged.scan.stats.files).toBe(full.scan.stats.files);
    expect(merged.findings.some((f) => f.nhi.some((n) => n.id === "NHI9:2025"))).toBe(true);
  });

  it("on a git history: the merge equals the unsharded scan", () => {
    const repo = join(dir, "repo");
    mkdirSync(repo);
    const git = (...a: string[]) =>
      execFileSync("git", a, {
        cwd: repo,
        env: { ...process.env, GIT_AUTHOR_NAME: "Dev", GIT_AUTHOR_EMAIL: "dev@example.invalid", GIT_COMMITTER_NAME: "Dev", GIT_COMMITTER_EMAIL: "dev@example.invalid" },
      });
    git("init", "-q", "-b", "main");
    const shared = githubToken();
    for (let c = 0; c < 12; c++) {
      writeFileSync(join(repo, `file-${c % 5}.env`), `T=${githubToken()}\nS=${c % 3 === 0 ? shared : "none"}\n`);
      if (c === 8) writeFileSync(join(repo, "file-0.env"), "deleted secret\n");
      git("add", "-A");
      git("commit", "-q", "-m", `commit ${c}`);
    }
    const full = scanJson(["git", "repo"], dir);
    const merged = mergedShards(["git", "repo"], 4, dir);
    expect(full.findings.length).toBeGreaterThan(10);
    expect(shape(merged)).toEqual(shape(full));
    expect(merged.scan.stats.blobs).toBe(full.scan.stats.blobs);
  });
});

describe("sweep examples", () => {
  it("are valid YAML and run shards with --shard and a merge with report", async () => {
    const { parseAllDocuments } = await import("yaml");
    const { readFileSync } = await import("node:fs");
    for (const f of ["github-actions-matrix.yml", "kubernetes-indexed-job.yaml"]) {
      const text = readFileSync(join(__dirname, "../../examples/sweep", f), "utf8");
      for (const d of parseAllDocuments(text)) expect(d.errors, f).toEqual([]);
      expect(text).toContain("--shard");
      expect(text).toMatch(/nhi-scan\.js report /);
    }
  });
});
