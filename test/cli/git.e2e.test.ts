// `nhi-scan git` and `nhi-scan baseline` as a user runs them: real repositories, the built CLI,
// JSON / SARIF / text output and exit codes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { BIN, runCli, tempDir } from "../helpers/cli.js";
import { TestRepo } from "../helpers/git-repo.js";
import { githubToken } from "../helpers/tokens.js";
import { buildHistoryRepo, type HistoryFixture } from "../sources/git/fixture-repo.js";
import type { Report } from "../../src/model.js";

const json = (stdout: string) => JSON.parse(stdout) as Report;
const values = (r: Report) => r.findings.map((f) => f.secret.value).sort();
const who = (name: string, day: number) => ({ name, date: `2024-03-${String(day).padStart(2, "0")}T10:00:00Z` });

let tmp: ReturnType<typeof tempDir>;
let fx: HistoryFixture;

beforeAll(() => {
  tmp = tempDir("nhi-git-e2e-");
  fx = buildHistoryRepo(tmp.dir);
});
afterAll(() => tmp.cleanup());

describe("nhi-scan git (history)", () => {
  it("reports every secret with commit, author, date and presentAtHead; exit 1", () => {
    const r = runCli(["git", fx.repo.dir, "--format", "json", "--show-secrets"]);
    expect(r.code).toBe(1);
    const rep = json(r.stdout);
    expect(new Set(values(rep))).toEqual(new Set(Object.values(fx.secrets)));
    const deleted = rep.findings.find((f) => f.secret.value === fx.secrets.deleted)!;
    expect(deleted.location).toMatchObject({ kind: "git", path: "old.env", commit: fx.commits.c2, date: "2024-01-02T12:00:00Z", presentAtHead: false });
    expect(deleted.location.author).toMatch(/^Bob Brown </);
    expect(rep.scan.stats.blobs).toBe(fx.repo.reachableBlobs().size);
  });

  it("never prints a secret without --show-secrets", () => {
    const r = runCli(["git", fx.repo.dir, "--format", "json"]);
    for (const s of Object.values(fx.secrets)) expect(r.stdout).not.toContain(s);
  });

  it("text output marks history-only findings and counts blobs", () => {
    const r = runCli(["git", "."], { cwd: fx.repo.dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`old.env:1:11 @ ${fx.commits.c2.slice(0, 12)} (history only)`);
    expect(r.stdout).toMatch(/introduced 2024-01-02 by Bob Brown/);
    expect(r.stdout).toMatch(/Scanned \d+ blobs in \d+ commits/);
  });

  it("SARIF keeps a location and the commit for history-only findings", () => {
    const r = runCli(["git", ".", "--format", "sarif"], { cwd: fx.repo.dir });
    expect(r.code).toBe(1);
    const sarif = JSON.parse(r.stdout);
    const results = sarif.runs[0].results as { locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[]; properties: Record<string, unknown> }[];
    const old = results.find((x) => x.locations[0].physicalLocation.artifactLocation.uri === "old.env")!;
    expect(old.properties.commit).toBe(fx.commits.c2);
    expect(old.properties.presentAtHead).toBe(false);
    expect(old.locations[0].physicalLocation.region.startLine).toBe(1);
    const live = results.find((x) => x.locations[0].physicalLocation.artifactLocation.uri === "config/renamed.env")!;
    expect(live.properties.presentAtHead).toBe(true);
    expect(existsSync(join(fx.repo.dir, "config/renamed.env"))).toBe(true);
  });

  it("--range gates on what the range adds: exit 1 with a new secret, 0 without", () => {
    const { c3, c4, c5, merge } = fx.commits;
    const added = runCli(["git", fx.repo.dir, "--range", `${c3}..${c5}`, "--format", "json", "--show-secrets"]);
    expect(added.code).toBe(1);
    expect(values(json(added.stdout))).toEqual([fx.secrets.feature]);
    const renameOnly = runCli(["git", fx.repo.dir, "--range", `${c4}..${c5}`, "--format", "json"]);
    expect(renameOnly.code).toBe(0);
    expect(json(renameOnly.stdout).findings).toEqual([]);
    const mergeOnly = runCli(["git", fx.repo.dir, "--range", `${c5}..${merge}`]);
    expect(mergeOnly.code).toBe(0);
  });

  it("refuses bad revisions and conflicting flags with exit 2", () => {
    const cases: [string[], RegExp][] = [
      [["--branch", "--output=/tmp/x"], /starts with "-"/],
      [["--branch=-x"], /starts with "-"/],
      [["--range", "main"], /BASE\.\.HEAD/],
      [["--range", "main...feature"], /two dots/],
      [["--range", "-1..main"], /starts with "-"/],
      [["--branch", "no-such-branch"], /not a commit/],
      [["--staged", "--range", "a..b"], /cannot be combined/],
      [["--since", "yesterday-ish"], /invalid --since/],
      [["--max-count", "0"], /invalid --max-count/],
    ];
    for (const [args, msg] of cases) {
      const r = runCli(["git", fx.repo.dir, ...args]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).toMatch(msg);
    }
    const notRepo = runCli(["git", tmp.dir]);
    expect(notRepo.code).toBe(2);
    expect(notRepo.stderr).toMatch(/not a git repository/);
  });
});

describe("nhi-scan git --staged", () => {
  it("reports only what the index adds, and honours the hook's GIT_INDEX_FILE", () => {
    const t = tempDir("nhi-staged-");
    try {
      const repo = TestRepo.init(join(t.dir, "r"));
      const old = githubToken();
      repo.commit({ "app.env": `A=1\nTOKEN=${old}\n` }, who("Ann", 1));
      // A modified file that already held a secret, and nothing new: clean.
      repo.write({ "app.env": `A=2\nTOKEN=${old}\n` });
      repo.git(["add", "app.env"]);
      expect(runCli(["git", "--staged"], { cwd: repo.dir }).code).toBe(0);
      // A new secret staged (and another one only in the working tree, which is not staged).
      const fresh = githubToken();
      const unstaged = githubToken();
      repo.write({ "new.env": `KEY=${fresh}\n`, "loose.env": `KEY=${unstaged}\n` });
      repo.git(["add", "new.env"]);
      const r = runCli(["git", "--staged", "--format", "json", "--show-secrets"], { cwd: repo.dir });
      expect(r.code).toBe(1);
      const rep = json(r.stdout);
      expect(values(rep)).toEqual([fresh]);
      expect(rep.findings[0].location).toMatchObject({ kind: "git", path: "new.env", line: 1 });
      expect(rep.findings[0].location.commit).toBeUndefined();

      // What a hook sees for `git commit -a`: a temporary index named by GIT_INDEX_FILE.
      repo.git(["reset", "-q"]);
      const alt = join(t.dir, "alt-index");
      repo.git(["read-tree", "HEAD"], { env: { GIT_INDEX_FILE: alt } });
      repo.git(["add", "loose.env"], { env: { GIT_INDEX_FILE: alt } });
      expect(runCli(["git", "--staged", "--show-secrets", "-f", "json"], { cwd: repo.dir }).code).toBe(0);
      const hook = runCli(["git", "--staged", "--show-secrets", "-f", "json"], { cwd: repo.dir, env: { GIT_INDEX_FILE: alt } });
      expect(hook.code).toBe(1);
      expect(values(json(hook.stdout))).toEqual([unstaged]);
    } finally {
      t.cleanup();
    }
  });

  it("works before the first commit, and blocks a commit as a real pre-commit hook", () => {
    const t = tempDir("nhi-hook-");
    try {
      const repo = TestRepo.init(join(t.dir, "r"));
      const secret = githubToken();
      repo.write({ "first.env": `T=${secret}\n` });
      repo.git(["add", "first.env"]);
      expect(runCli(["git", "--staged", "-q"], { cwd: repo.dir }).code).toBe(1);

      const hook = join(repo.dir, ".git", "hooks", "pre-commit");
      writeFileSync(hook, `#!/bin/sh\nexec "${process.execPath}" "${BIN}" git --staged --quiet\n`);
      chmodSync(hook, 0o755);
      expect(() => repo.git(["commit", "-q", "-m", "leak"], { who: who("Ann", 2) })).toThrow(/failed/);
      repo.write({ "first.env": "T=from-vault\n" });
      repo.git(["add", "first.env"]);
      repo.git(["commit", "-q", "-m", "clean"], { who: who("Ann", 2) });
      // `git commit -a` runs the hook against a temporary index.
      repo.write({ "first.env": `T=${secret}\n` });
      expect(() => repo.git(["commit", "-q", "-a", "-m", "leak again"], { who: who("Ann", 3) })).toThrow(/failed/);
      expect(repo.git(["rev-list", "--count", "HEAD"])).toBe("1");
    } finally {
      t.cleanup();
    }
  });

  it("refuses --staged on a bare repository", () => {
    const bare = join(tmp.dir, "staged-bare.git");
    fx.repo.git(["clone", "-q", "--bare", fx.repo.dir, bare]);
    const r = runCli(["git", bare, "--staged"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bare repository has no index/);
  });
});

describe("baselines and the ignore file", () => {
  it("baseline create --git, then --baseline suppresses exactly the recorded findings", () => {
    const t = tempDir("nhi-baseline-");
    try {
      const repo = TestRepo.init(join(t.dir, "r"));
      const a = githubToken();
      const b = githubToken();
      repo.commit({ "a.env": `A=${a}\n` }, who("Ann", 1));
      repo.commit({ "a.env": null, "b.env": `B=${b}\n` }, who("Ben", 2));
      const file = join(t.dir, "base.json");
      const created = runCli(["baseline", "create", "--git", repo.dir, "--output", file]);
      expect(created.code).toBe(0);
      expect(created.stderr).toMatch(/recorded 2 secret/);
      const doc = JSON.parse(readFileSync(file, "utf8"));
      expect(doc.findings).toHaveLength(2);
      expect(readFileSync(file, "utf8")).not.toContain(a);

      const clean = runCli(["git", repo.dir, "--baseline", file, "--format", "json", "--show-secrets"]);
      expect(clean.code).toBe(0);
      const rep = json(clean.stdout);
      expect(rep.findings).toHaveLength(2);
      expect(rep.findings.every((f) => f.suppressed?.by === "baseline" && f.baselineState === "unchanged")).toBe(true);

      const c = githubToken();
      repo.commit({ "c.env": `C=${c}\n` }, who("Cat", 3));
      const after = runCli(["git", repo.dir, "--baseline", file, "--format", "json", "--show-secrets"]);
      expect(after.code).toBe(1);
      const rep2 = json(after.stdout);
      expect(rep2.findings.filter((f) => !f.suppressed).map((f) => f.secret.value)).toEqual([c]);
      expect(rep2.findings.find((f) => f.secret.value === c)!.baselineState).toBe("new");
      expect(rep2.findings.filter((f) => f.suppressed).map((f) => f.secret.value).sort()).toEqual([a, b].sort());

      const text = runCli(["git", repo.dir, "--baseline", file]);
      expect(text.stdout).toMatch(/2 suppressed \(2 baseline\)/);
      const sarif = JSON.parse(runCli(["git", repo.dir, "--baseline", file, "--format", "sarif"]).stdout);
      const states = sarif.runs[0].results.map((x: { baselineState: string }) => x.baselineState).sort();
      expect(states).toEqual(["new", "unchanged", "unchanged"]);
      expect(sarif.runs[0].results.filter((x: { suppressions?: unknown[] }) => x.suppressions).length).toBe(2);

      // Regenerating keeps the comments a reviewer added.
      doc.findings[0].comment = "test fixture, revoked";
      writeFileSync(file, JSON.stringify(doc));
      expect(runCli(["baseline", "create", "--git", repo.dir, "-o", file]).code).toBe(0);
      const again = JSON.parse(readFileSync(file, "utf8"));
      expect(again.findings).toHaveLength(3);
      expect(again.findings.find((e: { fingerprint: string }) => e.fingerprint === doc.findings[0].fingerprint).comment).toBe("test fixture, revoked");
    } finally {
      t.cleanup();
    }
  });

  it("baseline create on a working tree works with scan --baseline", () => {
    const t = tempDir("nhi-baseline-fs-");
    try {
      writeFileSync(join(t.dir, "one.env"), `X=${githubToken()}\n`);
      expect(runCli(["baseline", "create", "-q"], { cwd: t.dir }).code).toBe(0);
      expect(existsSync(join(t.dir, ".nhi-scan-baseline.json"))).toBe(true);
      expect(runCli(["scan", ".", "--baseline", ".nhi-scan-baseline.json"], { cwd: t.dir }).code).toBe(0);
      writeFileSync(join(t.dir, "two.env"), `Y=${githubToken()}\n`);
      expect(runCli(["scan", ".", "--baseline", ".nhi-scan-baseline.json"], { cwd: t.dir }).code).toBe(1);
      expect(runCli(["scan", ".", "--baseline", "missing.json"], { cwd: t.dir }).code).toBe(2);
      writeFileSync(join(t.dir, "bad.json"), "{}");
      const bad = runCli(["scan", ".", "--baseline", "bad.json"], { cwd: t.dir });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/not a baseline/);
    } finally {
      t.cleanup();
    }
  });

  it(".nhi-scanignore suppresses by fingerprint and path glob, with the comment as the reason", () => {
    const t = tempDir("nhi-ignore-");
    try {
      const repo = TestRepo.init(join(t.dir, "r"));
      const keep = githubToken();
      const byFp = githubToken();
      const byPath = githubToken();
      repo.commit({ "src/app.env": `K=${keep}\n`, "src/other.env": `F=${byFp}\n`, "fixtures/x.env": `P=${byPath}\n` }, who("Ann", 1));
      const first = json(runCli(["git", repo.dir, "-f", "json", "--show-secrets"]).stdout);
      const fp = first.findings.find((f) => f.secret.value === byFp)!.fingerprint;
      writeFileSync(join(repo.dir, ".nhi-scanignore"), `# revoked on 2024-03-01, kept as a test vector\n${fp}\n\nfixtures/**   # generated fakes\ndocs/*.md\n`);
      const r = runCli(["git", repo.dir, "-f", "json", "--show-secrets"]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/"docs\/\*\.md" has no comment/);
      const rep = json(r.stdout);
      expect(rep.findings.filter((f) => !f.suppressed).map((f) => f.secret.value)).toEqual([keep]);
      expect(rep.findings.find((f) => f.secret.value === byFp)!.suppressed).toEqual({ by: ".nhi-scanignore", reason: "revoked on 2024-03-01, kept as a test vector" });
      expect(rep.findings.find((f) => f.secret.value === byPath)!.suppressed).toEqual({ by: ".nhi-scanignore", reason: "generated fakes" });
      repo.commit({ "src/app.env": "K=from-env\n" }, who("Ann", 2));
      const cleaned = runCli(["git", repo.dir, "--range", "HEAD~1..HEAD"]);
      expect(cleaned.code).toBe(0);
    } finally {
      t.cleanup();
    }
  });
});

describe("safety and hard cases", () => {
  function snapshot(dir: string): string {
    const h = createHash("sha256");
    const walk = (d: string) => {
      for (const name of readdirSync(d).sort()) {
        const p = join(d, name);
        const st = statSync(p);
        if (st.isDirectory()) walk(p);
        else h.update(`${p}\0${st.size}\0${st.mtimeMs}\0`).update(readFileSync(p));
      }
    };
    walk(dir);
    return h.digest("hex");
  }

  it("runs no hooks, filters, fsmonitor or pager from the scanned repository and writes nothing to it", () => {
    const t = tempDir("nhi-hostile-");
    try {
      const repo = TestRepo.init(join(t.dir, "r"));
      const secret = githubToken();
      repo.commit({ "a.env": `A=${secret}\n`, ".gitattributes": "* filter=evil diff=evil\n" }, who("Ann", 1));
      repo.write({ "b.env": `B=${githubToken()}\n` });
      repo.git(["add", "b.env"]);
      const marker = join(t.dir, "pwned");
      const cmd = `sh -c 'echo $0 >> ${marker}'`;
      for (const [k, v] of [
        ["core.fsmonitor", cmd],
        ["core.pager", cmd],
        ["core.sshCommand", cmd],
        ["filter.evil.smudge", cmd],
        ["filter.evil.clean", cmd],
        ["filter.evil.process", cmd],
        ["diff.evil.textconv", cmd],
        ["diff.external", cmd],
        ["core.hooksPath", join(t.dir, "hooks")],
        ["gpg.program", cmd],
        ["log.showSignature", "true"],
      ]) {
        repo.git(["config", k, v]);
      }
      for (const h of ["post-checkout", "post-index-change", "reference-transaction", "pre-commit"]) {
        const p = join(repo.dir, ".git", "hooks", h);
        writeFileSync(p, `#!/bin/sh\necho ${h} >> ${marker}\n`);
        chmodSync(p, 0o755);
      }
      const before = snapshot(join(repo.dir, ".git"));
      expect(runCli(["git", repo.dir]).code).toBe(1);
      expect(runCli(["git", repo.dir, "--staged"]).code).toBe(1);
      expect(runCli(["git", repo.dir, "--range", "HEAD..HEAD"]).code).toBe(0);
      expect(existsSync(marker)).toBe(false);
      expect(snapshot(join(repo.dir, ".git"))).toBe(before);
    } finally {
      t.cleanup();
    }
  });

  it("handles paths with spaces, newlines and non-UTF-8 bytes, and a tag that points at a blob", () => {
    const t = tempDir("nhi-paths-");
    try {
      const repo = TestRepo.init(join(t.dir, "r"));
      const s1 = githubToken();
      const s2 = githubToken();
      const s3 = githubToken();
      const s4 = githubToken();
      repo.stageRaw([
        { path: "dir with space/my file.env", oid: repo.blob(`A=${s1}\n`) },
        { path: "line\nbreak.env", oid: repo.blob(`B=${s2}\n`) },
        { path: Buffer.from([0x6c, 0x61, 0x74, 0x69, 0x6e, 0xe9, 0x2e, 0x65, 0x6e, 0x76]), oid: repo.blob(`C=${s3}\n`) },
        { path: "caf\u00e9.env", oid: repo.blob(`D=${s1}\n`) },
      ]);
      repo.git(["commit", "-q", "-m", "odd names"], { who: who("Ann", 1) });
      repo.git(["tag", "loose-blob", repo.blob(`E=${s4}\n`)]);
      const r = runCli(["git", repo.dir, "-f", "json", "--show-secrets"]);
      expect(r.code).toBe(1);
      const got = json(r.stdout).findings.map((f) => [f.location.path, f.secret.value]).sort();
      expect(got).toEqual(
        [
          ["dir with space/my file.env", s1],
          ["line\nbreak.env", s2],
          ["latin\\xe9.env", s3],
          ["caf\u00e9.env", s1],
          ["refs/tags/loose-blob", s4],
        ].sort(),
      );
    } finally {
      t.cleanup();
    }
  });

  it("says what a shallow clone cannot show, and notes submodules instead of scanning them", () => {
    const t = tempDir("nhi-shallow-");
    try {
      const repo = TestRepo.init(join(t.dir, "src"));
      const old = githubToken();
      const kept = githubToken();
      repo.commit({ "old.env": `O=${old}\n` }, who("Ann", 1));
      repo.commit({ "old.env": null, "kept.env": `K=${kept}\n` }, who("Ben", 2));
      repo.stageRaw([{ path: "vendor/lib", oid: repo.rev("HEAD"), mode: "160000" }]);
      repo.git(["commit", "-q", "-m", "add submodule"], { who: who("Ben", 3) });
      const full = runCli(["git", repo.dir, "-f", "json", "--show-secrets"]);
      expect(values(json(full.stdout))).toEqual([kept, old].sort());
      expect(full.stderr).toMatch(/submodule contents are not scanned.*vendor\/lib/);
      expect(json(full.stdout).errors.some((e) => /submodule/.test(e.message))).toBe(true);

      const shallow = join(t.dir, "shallow");
      repo.git(["clone", "-q", "--depth", "1", `file://${repo.dir}`, shallow]);
      const r = runCli(["git", shallow, "-f", "json", "--show-secrets"]);
      expect(r.code).toBe(1);
      expect(values(json(r.stdout))).toEqual([kept]);
      expect(r.stderr).toMatch(/shallow clone: the history before 1 boundary commit/);
      expect(json(r.stdout).errors.some((e) => /shallow clone/.test(e.message))).toBe(true);
      const missingBase = runCli(["git", shallow, "--range", `${repo.rev("HEAD~2")}..HEAD`]);
      expect(missingBase.code).toBe(2);
      expect(missingBase.stderr).toMatch(/not a commit in this repository/);
    } finally {
      t.cleanup();
    }
  });

  it("scans a partial clone without fetching, and says which blobs it could not see", () => {
    const t = tempDir("nhi-partial-");
    try {
      const src = TestRepo.init(join(t.dir, "src"));
      const gone = githubToken();
      const kept = githubToken();
      src.commit({ "a.env": `A=${gone}\n` }, who("Ann", 1));
      src.commit({ "a.env": null, "b.env": `B=${kept}\n` }, who("Ben", 2));
      src.git(["config", "uploadpack.allowFilter", "true"]);
      const clone = join(t.dir, "partial");
      src.git(["clone", "-q", "--filter=blob:none", `file://${src.dir}`, clone], { env: { GIT_CONFIG_PARAMETERS: "'protocol.file.allow=always'" } });
      const objects = snapshot(join(clone, ".git", "objects"));
      const r = runCli(["git", clone, "-f", "json", "--show-secrets"]);
      expect(r.code).toBe(1);
      // The checkout downloaded HEAD's blobs; the deleted file's blob was never fetched.
      expect(values(json(r.stdout))).toEqual([kept]);
      expect(r.stderr).toMatch(/partial clone: 1 object\(s\) were never downloaded/);
      expect(json(r.stdout).scan.stats.skipped.unreadable).toBe(1);
      expect(snapshot(join(clone, ".git", "objects"))).toBe(objects);
    } finally {
      t.cleanup();
    }
  });

  it("an empty repository is a clean scan with a note", () => {
    const t = tempDir("nhi-empty-");
    try {
      const repo = TestRepo.init(join(t.dir, "r"));
      const r = runCli(["git", repo.dir]);
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/no commits/);
    } finally {
      t.cleanup();
    }
  });
});
