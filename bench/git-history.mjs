#!/usr/bin/env node
// Benchmark of `nhi-scan git`: builds (once, cached under .bench/) a repository with thousands of
// commits through `git fast-import`, whose files are real source and documentation files taken from
// node_modules and edited commit by commit, with fake well-formed tokens planted in a few commits
// (generated here, never stored in this repository). Then it times:
//   - the git floor: `git rev-list --objects --all | git cat-file --batch` into /dev/null,
//   - `nhi-scan git` over every ref (with and without rename following),
//   - `nhi-scan git --staged` on one staged edit (the pre-commit hook's latency),
// and prints blobs/s and MB/s.
//
//   node bench/git-history.mjs [--commits 5000] [--rebuild] [--json]
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { randomInt } from "node:crypto";
import { fileURLToPath } from "node:url";

const ROOT = resolve(fileURLToPath(import.meta.url), "../..");
const BIN = join(ROOT, "bin/nhi-scan.js");
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const COMMITS = Number(opt("commits", "5000"));
const REBUILD = args.includes("--rebuild");
const JSON_OUT = args.includes("--json");
const REPO = join(ROOT, ".bench", `git-history-${COMMITS}`);
const GIT_ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null", LC_ALL: "C" };

const { base62Crc32 } = await import(join(ROOT, "dist/engine/validators/base62-checksum.js"));
const B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const fakeToken = () => {
  let r = "";
  for (let i = 0; i < 30; i++) r += B62[randomInt(62)];
  return `ghp_${r}${base62Crc32(r)}`;
};

function git(cwd, argv, input) {
  return execFileSync("git", argv, { cwd, env: GIT_ENV, input, maxBuffer: 1 << 30 });
}

/** Real text files to build history from. */
function sourcePool() {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(js|mjs|cjs|ts|md|json)$/.test(e.name)) {
        const size = statSync(p).size;
        if (size > 0 && size < 200_000) out.push(p);
      }
    }
  };
  walk(join(ROOT, "node_modules"));
  return out.sort();
}

/** A fast-import stream: a main line with feature branches merged back, tags, renames, deletes. */
function buildRepo() {
  rmSync(REPO, { recursive: true, force: true });
  mkdirSync(REPO, { recursive: true });
  git(REPO, ["init", "-q", "-b", "main"]);
  const pool = sourcePool();
  const files = new Map(); // path -> lines
  const chunks = [];
  let mark = 0;
  let planted = 0;
  const t0 = 1_600_000_000;
  const people = ["Ada Lovelace", "Grace Hopper", "Alan Turing", "Barbara Liskov", "Ken Thompson", "Radia Perlman"];
  let branchTip = null;
  let mainTip = null;
  for (let c = 0; c < COMMITS; c++) {
    const ops = [];
    const n = 1 + randomInt(4);
    for (let k = 0; k < n; k++) {
      const paths = [...files.keys()];
      const roll = randomInt(100);
      if (paths.length < 50 || roll < 25) {
        const src = pool[randomInt(pool.length)];
        const path = `src/${relative(join(ROOT, "node_modules"), src)}`.replace(/\/(dist|lib)\//, "/");
        files.set(path, readFileSync(src, "utf8").split("\n"));
        ops.push(["M", path]);
      } else if (roll < 90) {
        const path = paths[randomInt(paths.length)];
        const lines = files.get(path);
        const other = readFileSync(pool[randomInt(pool.length)], "utf8").split("\n");
        const at = randomInt(lines.length + 1);
        const take = other.slice(0, 1 + randomInt(Math.min(20, other.length)));
        lines.splice(at, randomInt(Math.min(5, lines.length - at) + 1), ...take);
        ops.push(["M", path]);
      } else if (roll < 95) {
        const from = paths[randomInt(paths.length)];
        const to = from.replace(/(\.[a-z]+)$/, `-moved${c}$1`);
        files.set(to, files.get(from));
        files.delete(from);
        ops.push(["D", from], ["M", to]);
      } else {
        const path = paths[randomInt(paths.length)];
        files.delete(path);
        ops.push(["D", path]);
      }
    }
    if (c % 97 === 5) {
      const path = `config/service-${c}.env`;
      files.set(path, ["# service settings", `GITHUB_TOKEN=${fakeToken()}`, "REGION=eu-west-1"]);
      ops.push(["M", path]);
      planted++;
    }
    const who = people[c % people.length];
    const email = who.toLowerCase().replace(/\W+/g, ".") + "@example.test";
    const when = t0 + c * 3600;
    const onBranch = c % 50 >= 40; // every 50 commits, 10 go to a feature branch that is then merged
    const ref = onBranch ? "refs/heads/feature" : "refs/heads/main";
    const blobs = [];
    for (const [kind, path] of ops) {
      if (kind !== "M" || !files.has(path)) continue;
      const data = Buffer.from(files.get(path).join("\n"));
      mark++;
      chunks.push(Buffer.from(`blob\nmark :${mark}\ndata ${data.length}\n`), data, Buffer.from("\n"));
      blobs.push([path, mark]);
    }
    mark++;
    const msg = `change ${c}`;
    chunks.push(Buffer.from(`commit ${ref}\nmark :${mark}\nauthor ${who} <${email}> ${when} +0000\ncommitter ${who} <${email}> ${when} +0000\ndata ${msg.length}\n${msg}\n`));
    if (c === 0) {
      // first commit
    } else if (onBranch && c % 50 === 40) chunks.push(Buffer.from(`from :${mainTip}\n`));
    if (!onBranch && c % 50 === 0 && branchTip) chunks.push(Buffer.from(`merge :${branchTip}\n`));
    for (const [kind, path] of ops) {
      if (kind === "D") chunks.push(Buffer.from(`D ${path}\n`));
    }
    for (const [path, m] of blobs) if (files.has(path)) chunks.push(Buffer.from(`M 100644 :${m} ${path}\n`));
    chunks.push(Buffer.from("\n"));
    if (onBranch) branchTip = mark;
    else mainTip = mark;
    if (c % 1000 === 999) chunks.push(Buffer.from(`reset refs/tags/v${(c + 1) / 1000}\nfrom :${mark}\n\n`));
  }
  git(REPO, ["fast-import", "--quiet"], Buffer.concat(chunks));
  git(REPO, ["repack", "-a", "-d", "-q"]);
  git(REPO, ["read-tree", "HEAD"]);
  return planted;
}

const CLK_TCK = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU seconds used by finished child processes (and theirs), from /proc on Linux; null elsewhere. */
function childCpuSeconds() {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[13]) + Number(fields[14])) / CLK_TCK; // cutime + cstime
  } catch {
    return null;
  }
}

/** Wall milliseconds and child CPU seconds of a synchronous step. */
function time(fn) {
  const cpu0 = childCpuSeconds();
  const t = process.hrtime.bigint();
  const r = fn();
  const cpu1 = childCpuSeconds();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, cpu: cpu0 === null ? null : cpu1 - cpu0, r };
}

function nhiScan(argv) {
  const r = spawnSync(process.execPath, [BIN, ...argv], { env: { ...GIT_ENV, NO_COLOR: "1" }, encoding: "utf8", maxBuffer: 1 << 30 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`nhi-scan ${argv.join(" ")} exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

if (!existsSync(join(ROOT, "dist/cli/main.js"))) throw new Error("build first: npm run build");
let planted = null;
const built = existsSync(join(REPO, ".git")) && spawnSync("git", ["rev-parse", "--verify", "-q", "HEAD"], { cwd: REPO, env: GIT_ENV }).status === 0;
if (REBUILD || !built) {
  process.stderr.write(`building a ${COMMITS}-commit repository in ${REPO} ...\n`);
  planted = time(buildRepo);
  process.stderr.write(`built in ${(planted.ms / 1000).toFixed(1)} s (${planted.r} planted tokens)\n`);
}
const commits = Number(git(REPO, ["rev-list", "--all", "--count"]).toString().trim());
const packBytes = Number(/size-pack: (\d+)/.exec(git(REPO, ["count-objects", "-v"]).toString())?.[1] ?? 0) * 1024;

const floor = time(() => spawnSync("bash", ["-c", "git rev-list --objects --all | cut -d' ' -f1 | git cat-file --batch > /dev/null"], { cwd: REPO, env: GIT_ENV }));
const runs = [];
for (const [label, extra] of [
  ["history (all refs, renames followed)", []],
  ["history (all refs, --no-renames)", ["--no-renames"]],
]) {
  const { ms, cpu, r } = time(() => nhiScan(["git", REPO, "--format", "json", "--quiet", ...extra]));
  const st = r.scan.stats;
  runs.push({
    label,
    ms,
    cpuSeconds: cpu,
    commits: st.commits,
    blobs: st.blobs,
    bytes: st.bytes,
    findings: r.findings.length,
    blobsPerSec: st.blobs / (ms / 1000),
    mbPerSec: st.bytes / 1e6 / (ms / 1000),
  });
}
// The pre-commit hook: one staged edit.
const headBlob = git(REPO, ["ls-files", "-s"]).toString().split("\n")[0].split(/\s+/);
const edited = git(REPO, ["hash-object", "-w", "--stdin"], Buffer.concat([git(REPO, ["cat-file", "blob", headBlob[1]]), Buffer.from("\n// edited\n")])).toString().trim();
git(REPO, ["update-index", "--cacheinfo", `100644,${edited},${headBlob.slice(3).join(" ")}`]);
const staged = time(() => nhiScan(["git", REPO, "--staged", "--format", "json", "--quiet"]));
git(REPO, ["read-tree", "HEAD"]);
const startup = time(() => spawnSync(process.execPath, [BIN, "--version"]));

const result = {
  repository: { path: REPO, commits, packBytes },
  gitFloorMs: floor.ms,
  gitFloorCpuSeconds: floor.cpu,
  runs,
  stagedMs: staged.ms,
  cliStartupMs: startup.ms,
  cpus: (await import("node:os")).cpus().length,
  load: (await import("node:os")).loadavg()[0],
};
if (JSON_OUT) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
else {
  const f = (n, d = 0) => n.toFixed(d);
  console.log(`repository: ${commits} commits, pack ${f(packBytes / 1e6, 1)} MB (${REPO})`);
  console.log(`git floor (rev-list --objects | cat-file --batch > /dev/null): ${f(floor.ms)} ms wall${floor.cpu === null ? "" : `, ${f(floor.cpu, 2)} CPU-s`}`);
  for (const r of runs) {
    const cpu = r.cpuSeconds === null ? "" : ` (${f(r.cpuSeconds, 2)} CPU-s for nhi-scan and its git processes)`;
    console.log(`${r.label}: ${f(r.ms)} ms wall${cpu}, ${r.commits} commits, ${r.blobs} unique blobs, ${f(r.bytes / 1e6, 1)} MB, ${r.findings} findings -> ${f(r.blobsPerSec)} blobs/s, ${f(r.mbPerSec, 1)} MB/s`);
  }
  console.log(`pre-commit (--staged, one edited file): ${f(staged.ms)} ms wall (CLI startup alone, --version: ${f(startup.ms)} ms)`);
  console.log(`machine: ${result.cpus} CPUs, load average ${f(result.load, 2)}`);
}
