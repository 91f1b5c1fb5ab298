// The git history scan end to end through the pipeline (no CLI): every secret found in a real
// repository, attributed to the commit and author that introduced it, presentAtHead right; each
// unique blob read and scanned once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { loadRules } from "../../../src/engine/rule-loader.js";
import { RuleSet } from "../../../src/engine/compile.js";
import { scanGit, type GitScanMode, type GitScanSettings } from "../../../src/pipeline/run-git-scan.js";
import { createBlobScanner, type BlobScanner } from "../../../src/pipeline/blob-scanner.js";
import type { Finding, Report } from "../../../src/model.js";
import { tempDir } from "../../helpers/cli.js";
import { TestRepo } from "../../helpers/git-repo.js";
import { githubToken } from "../../helpers/tokens.js";
import { ALICE, BOB, CAROL, DAVE, EVE, buildHistoryRepo, type HistoryFixture } from "./fixture-repo.js";

const rules = new RuleSet(loadRules());

function settings(repo: string, mode: GitScanMode, extra: Partial<GitScanSettings> = {}): GitScanSettings {
  return {
    repo,
    targets: [repo],
    rules,
    mode,
    maxFileSize: 10 * 1024 * 1024,
    allowPaths: [],
    allowFingerprints: new Set(),
    showSecrets: true,
    enrich: { now: new Date("2026-01-01T00:00:00Z"), taskEnd: null },
    onWarning: () => {},
    ...extra,
  };
}

const ALL: GitScanMode = { kind: "history", refs: [] };

function bySecret(report: Report, secret: string): Finding[] {
  return report.findings.filter((f) => f.secret.value === secret).sort((a, b) => a.location.path.localeCompare(b.location.path));
}

describe("git history scan", () => {
  let tmp: ReturnType<typeof tempDir>;
  let fx: HistoryFixture;
  let report: Report;

  beforeAll(async () => {
    tmp = tempDir("nhi-git-");
    fx = buildHistoryRepo(tmp.dir);
    report = await scanGit(settings(fx.repo.dir, ALL));
  });
  afterAll(() => tmp.cleanup());

  it("finds every secret in every ref: branches, tags, the stash, deleted files", () => {
    const found = new Set(report.findings.map((f) => f.secret.value));
    expect([...found].sort()).toEqual(Object.values(fx.secrets).sort());
    expect(report.scan.source).toBe("git");
    expect(report.findings.every((f) => f.location.kind === "git")).toBe(true);
  });

  it("attributes a deleted secret to the commit and author that added it, not at HEAD", () => {
    const [f, ...rest] = bySecret(report, fx.secrets.deleted);
    expect(rest).toEqual([]);
    expect(f.location).toMatchObject({ path: "old.env", commit: fx.commits.c2, date: "2024-01-02T12:00:00Z", presentAtHead: false, line: 1, column: 11 });
    expect(f.location.author).toContain(BOB);
  });

  it("reports one blob at two paths as two locations from one scan", () => {
    const fs = bySecret(report, fx.secrets.twin);
    expect(fs.map((f) => f.location.path)).toEqual(["docs/a.txt", "docs/b.txt"]);
    for (const f of fs) {
      expect(f.location).toMatchObject({ commit: fx.commits.c1, presentAtHead: true, line: 2 });
      expect(f.location.author).toContain(ALICE);
      expect(f.occurrences).toBe(2);
    }
  });

  it("keeps a renamed file's secret attributed to the commit that first added it", () => {
    const fs = bySecret(report, fx.secrets.renamed);
    expect(fs.map((f) => [f.location.path, f.location.commit, f.location.presentAtHead])).toEqual([
      ["config/app.env", fx.commits.c1, false],
      ["config/renamed.env", fx.commits.c1, true],
    ]);
    expect(fs[1].location.line).toBe(5);
  });

  it("attributes a branch's secret to its commit, present at HEAD after the merge", () => {
    const [f] = bySecret(report, fx.secrets.feature);
    expect(f.location).toMatchObject({ path: "feature/key.txt", commit: fx.commits.c4, presentAtHead: true });
    expect(f.location.author).toContain(CAROL);
  });

  it("finds a secret reachable only through a tag, and one only in the stash", () => {
    const [tagged] = bySecret(report, fx.secrets.tagged);
    expect(tagged.location).toMatchObject({ path: "side.txt", commit: fx.commits.side, presentAtHead: false });
    expect(tagged.location.author).toContain(DAVE);
    const [stashed] = bySecret(report, fx.secrets.stashed);
    expect(stashed.location).toMatchObject({ path: "README.md", commit: fx.commits.stash, presentAtHead: false, line: 4 });
    expect(stashed.location.author).toContain(EVE);
  });

  it("counts exactly the unique reachable blobs, and commits", () => {
    expect(report.scan.stats.blobs).toBe(fx.repo.reachableBlobs().size);
    const commits = Number(fx.repo.git(["rev-list", "--all", "--count"]));
    expect(report.scan.stats.commits).toBe(commits);
  });

  it("--branch scans one branch's history; presentAtHead is about that branch's tip", async () => {
    const r = await scanGit(settings(fx.repo.dir, { kind: "history", refs: ["feature"] }));
    const secrets = new Set(r.findings.map((f) => f.secret.value));
    expect(secrets).toEqual(new Set([fx.secrets.renamed, fx.secrets.twin, fx.secrets.deleted, fx.secrets.feature]));
    expect(bySecret(r, fx.secrets.feature)[0].location.presentAtHead).toBe(true);
  });

  it("--max-count and --since only read what the newest commits introduced", async () => {
    const r = await scanGit(settings(fx.repo.dir, { kind: "history", refs: ["feature"], maxCount: 2 }));
    expect(r.scan.stats.commits).toBe(2);
    // c4 adds the feature key; c5 renames a file whose secret predates both: not introduced here.
    expect(r.findings.map((f) => f.secret.value)).toEqual([fx.secrets.feature]);
    const s = await scanGit(settings(fx.repo.dir, { kind: "history", refs: ["main"], since: "2024-01-04T00:00:00Z" }));
    expect(new Set(s.findings.map((f) => f.secret.value))).toEqual(new Set([fx.secrets.feature]));
  });

  it("--range reports only what the range's commits introduce", async () => {
    const { c3, c5, c6, merge } = fx.commits;
    const r = await scanGit(settings(fx.repo.dir, { kind: "range", range: `${c3}..${c5}` }));
    expect(r.findings.map((f) => [f.secret.value, f.location.path, f.location.commit])).toEqual([[fx.secrets.feature, "feature/key.txt", fx.commits.c4]]);
    const m = await scanGit(settings(fx.repo.dir, { kind: "range", range: `${c6}..${merge}` }));
    expect(m.findings.map((f) => f.secret.value)).toEqual([fx.secrets.feature]);
    const none = await scanGit(settings(fx.repo.dir, { kind: "range", range: `${c5}..${c5}` }));
    expect(none.findings).toEqual([]);
    expect(none.scan.stats.commits).toBe(0);
  });

  it("config allow.paths keeps paths out; --max-file-size skips big blobs with a warning", async () => {
    const r = await scanGit(settings(fx.repo.dir, ALL, { allowPaths: ["docs/**"] }));
    expect(r.findings.some((f) => f.location.path.startsWith("docs/"))).toBe(false);
    expect(r.findings.some((f) => f.secret.value === fx.secrets.deleted)).toBe(true);
    const warnings: string[] = [];
    const small = await scanGit(settings(fx.repo.dir, ALL, { maxFileSize: 60, onWarning: (w) => warnings.push(w) }));
    // The settings files are over 60 bytes: their secrets are not seen, and the skip is reported by path.
    expect(small.findings.some((f) => f.secret.value === fx.secrets.renamed)).toBe(false);
    expect(small.scan.stats.skipped.tooLarge).toBeGreaterThan(0);
    expect(small.errors.some((e) => e.path === "config/app.env" && /maximum file size/.test(e.message))).toBe(true);
    expect(warnings.some((w) => w.startsWith("config/app.env: skipped"))).toBe(true);
  });

  it("scans a bare clone the same way", async () => {
    const bare = join(tmp.dir, "bare.git");
    fx.repo.git(["clone", "-q", "--bare", fx.repo.dir, bare]);
    const r = await scanGit(settings(bare, ALL));
    // The bare clone has the branches and tags, not the stash.
    const secrets = new Set(r.findings.map((f) => f.secret.value));
    expect(secrets).toEqual(new Set([fx.secrets.renamed, fx.secrets.twin, fx.secrets.deleted, fx.secrets.feature, fx.secrets.tagged]));
    expect(bySecret(r, fx.secrets.deleted)[0].location).toMatchObject({ commit: fx.commits.c2, presentAtHead: false });
  });
});

describe("each blob is scanned once", () => {
  it("a secret file unchanged across 50 commits is read and scanned once", async () => {
    const tmp = tempDir("nhi-git-50-");
    try {
      const repo = TestRepo.init(join(tmp.dir, "r"));
      const secret = githubToken();
      const first = repo.commit({ "secret.env": `TOKEN=${secret}\n`, "counter.txt": "0\n" }, { name: ALICE, date: "2024-02-01T00:00:00Z" });
      for (let i = 1; i < 50; i++) {
        repo.commit({ "counter.txt": `${i}\n`, [`notes/n${i % 7}.md`]: `note ${i}\n` }, { name: i % 2 ? BOB : ALICE, date: `2024-02-01T00:${String(i).padStart(2, "0")}:00Z` });
      }
      const seen = new Map<string, number>();
      const counting = (rs: RuleSet): BlobScanner => {
        const inner = createBlobScanner(rs);
        return {
          scan: (blob) => {
            const h = createHash("sha1").update(blob.bytes).digest("hex");
            seen.set(h, (seen.get(h) ?? 0) + 1);
            return inner.scan(blob);
          },
          close: () => inner.close(),
        };
      };
      const r = await scanGit(settings(repo.dir, ALL, { createScanner: counting }));
      const reachable = repo.reachableBlobs();
      expect(r.scan.stats.commits).toBe(50);
      expect(r.scan.stats.blobs).toBe(reachable.size);
      expect(seen.size).toBe(reachable.size);
      expect([...seen.values()].every((n) => n === 1)).toBe(true);
      const secretBlob = createHash("sha1").update(`TOKEN=${secret}\n`).digest("hex");
      expect(seen.get(secretBlob)).toBe(1);
      expect(r.findings).toHaveLength(1);
      expect(r.findings[0].location).toMatchObject({ path: "secret.env", commit: first, presentAtHead: true });
    } finally {
      tmp.cleanup();
    }
  });
});
