// `npm run bench`: nhi-scan against reference tools on the same inputs, in one invocation.
//
//   npm run bench                                  generated corpora (cached under .bench/)
//   npm run bench -- --tree DIR --repo GITDIR      your own tree and repository
//   options: --size MB (tree, default 300)  --commits N (default 5000)  --runs N (default 3)
//            --only tree,history,stdin,staged  --stdin-mb N (default 2048)  --no-install
//            --timeout S (a reference tool still running after S seconds, default 900, is stopped and
//            its time reported as a lower bound)
//
// Reference tools run when installed and are skipped with a message when not:
//   rg          ripgrep with one combined, case-insensitive pattern of every rule keyword: the lower
//               bound of what a regex scan over the same files costs (Debian: apt-get install ripgrep)
//   secretlint  the nearest peer on our runtime, with its recommended preset; installed on first
//               use into .bench/tools (never a project dependency), skipped when that fails
// Each row: wall seconds (median of --runs), MB/s, peak RSS, findings. Results also go to
// .bench/results.json and .bench/results.md.
import { spawnSync } from "node:child_process";
import { cpus, totalmem } from "node:os";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync, readdirSync, lstatSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureCorpus } from "./corpus.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const BENCH = join(ROOT, ".bench");
const BIN = join(ROOT, "bin", "nhi-scan.js");
const TOOLS = join(BENCH, "tools");
const TMP = join(BENCH, "tmp");

function parseArgs(argv) {
  const o = { runs: 3, size: 300, commits: 5000, stdinMb: 2048, only: null, install: true, tree: null, repo: null, timeout: 900 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => argv[++i];
    if (a === "--tree") o.tree = resolve(v());
    else if (a === "--repo") o.repo = resolve(v());
    else if (a === "--runs") o.runs = Number(v());
    else if (a === "--size") o.size = Number(v());
    else if (a === "--commits") o.commits = Number(v());
    else if (a === "--stdin-mb") o.stdinMb = Number(v());
    else if (a === "--only") o.only = new Set(v().split(","));
    else if (a === "--no-install") o.install = false;
    else if (a === "--timeout") o.timeout = Number(v());
    else throw new Error(`unknown option ${a}`);
  }
  return o;
}

const has = (cmd) => spawnSync("sh", ["-c", `command -v ${cmd}`], { encoding: "utf8" }).status === 0;
const note = (s) => process.stderr.write(`bench: ${s}\n`);

/** How peak RSS is measured: GNU time, else Python's rusage of children, else not at all. */
function rssWrapper(rssFile) {
  if (existsSync("/usr/bin/time")) return ["/usr/bin/time", "-f", "%M", "-o", rssFile];
  if (has("python3")) {
    const py = "import resource,subprocess,sys;r=subprocess.call(sys.argv[2:]);open(sys.argv[1],'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss));sys.exit(r)";
    return ["python3", "-c", py, rssFile];
  }
  return [];
}

/** Run a shell script once: wall seconds, peak RSS (KiB) and exit code (124: timed out). */
function runOnce(script, cwd, timeoutS) {
  const rssFile = join(TMP, "rss.txt");
  writeFileSync(rssFile, "");
  const wrap = rssWrapper(rssFile);
  const limit = timeoutS && has("timeout") ? ["timeout", String(timeoutS)] : [];
  const argv = [...wrap, ...limit, "sh", "-c", script];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { cwd, stdio: ["ignore", "ignore", "pipe"], maxBuffer: 1 << 26 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const rssText = readFileSync(rssFile, "utf8").trim().split("\n").pop();
  const rss = /^\d+$/.test(rssText) ? Number(rssText) : null;
  return { wall, rss, code: r.status, stderr: r.stderr?.toString() ?? "" };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A run longer than this is not repeated (a slow reference tool would take the bench hours). */
const SLOW_RUN_S = 120;

/** Run a tool `runs` times; the result carries the median wall time and the largest peak RSS. */
function measure(name, script, { cwd = ROOT, runs, okCodes = [0, 1], findings, timeoutS }) {
  const walls = [];
  let rss = null;
  for (let i = 0; i < runs; i++) {
    const r = runOnce(script, cwd, timeoutS);
    if (timeoutS && r.code === 124) {
      note(`${name}: did not finish within ${timeoutS} s; reported as a lower bound`);
      return { tool: name, wall: timeoutS, walls: [timeoutS], rssKiB: null, findings: null, timedOut: true };
    }
    if (!okCodes.includes(r.code)) {
      note(`${name}: exit ${r.code}: ${r.stderr.slice(0, 500)}`);
      return null;
    }
    walls.push(r.wall);
    if (r.rss !== null) rss = Math.max(rss ?? 0, r.rss);
    if (r.wall > SLOW_RUN_S && i + 1 < runs) {
      note(`${name}: ${r.wall.toFixed(0)} s for one run; not repeated`);
      break;
    }
  }
  const res = { tool: name, wall: median(walls), walls, rssKiB: rss, findings: findings() };
  note(`${name}: ${walls.map((w) => w.toFixed(2)).join(" / ")} s, peak RSS ${rss === null ? "?" : (rss / 1024).toFixed(0)} MiB, ${res.findings} findings`);
  return res;
}

function treeBytes(dir) {
  let n = 0;
  let files = 0;
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      if (name === ".git") continue;
      const p = join(d, name);
      const st = lstatSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.isFile()) {
        n += st.size;
        files++;
      }
    }
  };
  walk(dir);
  return { bytes: n, files };
}

/** Every rule keyword, one per line, for the rg reference pattern. */
async function keywordsFile() {
  const { loadRules } = await import(join(ROOT, "dist/engine/rule-loader.js"));
  const kws = [...new Set(loadRules().flatMap((r) => r.keywords.map((k) => k.toLowerCase())))].sort();
  const f = join(TMP, "keywords.txt");
  writeFileSync(f, kws.join("\n") + "\n");
  return { file: f, count: kws.length };
}

/** secretlint and its recommended preset in .bench/tools; null when unavailable. */
function secretlint(install) {
  const bin = join(TOOLS, "node_modules", "secretlint", "bin", "secretlint.js");
  if (!existsSync(bin) && install) {
    // secretlint 12+ needs Node 22; 11 is the newest that runs on Node 20.
    const major = Number(process.versions.node.split(".")[0]);
    const v = major >= 22 ? "latest" : "11";
    note(`installing secretlint@${v} into ${TOOLS} (bench only) ...`);
    mkdirSync(TOOLS, { recursive: true });
    const r = spawnSync("npm", ["install", "--prefix", TOOLS, "--no-save", "--no-audit", "--no-fund", `secretlint@${v}`, `@secretlint/secretlint-rule-preset-recommend@${v}`], { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
    if (r.status !== 0) note(`secretlint install failed: ${r.stderr.slice(0, 300)}`);
  }
  if (!existsSync(bin)) return null;
  const rc = join(TMP, "secretlintrc.json");
  writeFileSync(rc, JSON.stringify({ rules: [{ id: "@secretlint/secretlint-rule-preset-recommend" }] }));
  return { bin, rc };
}

const q = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;
const mb = (b) => b / (1024 * 1024);

function countJsonFindings(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8")).findings.length;
  } catch {
    return null;
  }
}

function sumCounts(file) {
  let n = 0;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const m = /(\d+)$/.exec(line);
    if (m) n += Number(m[1]);
  }
  return n;
}

function secretlintFindings(file) {
  try {
    const j = JSON.parse(readFileSync(file, "utf8"));
    return j.reduce((n, r) => n + (r.messages?.length ?? 0), 0);
  } catch {
    return null;
  }
}

function nhiSupports(sub, flag) {
  const r = spawnSync(process.execPath, [BIN, sub, "--help"], { encoding: "utf8" });
  return r.status === 0 && (!flag || r.stdout.includes(flag));
}

function fmtRow(r, bytes) {
  if (!r) return null;
  return {
    tool: r.tool,
    wall: r.wall,
    mbps: bytes ? mb(bytes) / r.wall : null,
    rssMiB: r.rssKiB !== null ? r.rssKiB / 1024 : null,
    findings: r.findings,
    runs: r.walls.length,
    timedOut: !!r.timedOut,
  };
}

function table(title, rows, extra = []) {
  const lines = [`### ${title}`, "", "| tool | wall s (median) | runs | MB/s | peak RSS MiB | findings |", "|---|---:|---:|---:|---:|---:|"];
  for (const r of rows) {
    if (!r) continue;
    const gt = r.timedOut ? "> " : "";
    const lt = r.timedOut ? "< " : "";
    lines.push(`| ${r.tool.replace(/\|/g, "\\|")} | ${gt}${r.wall.toFixed(2)} | ${r.runs} | ${r.mbps === null ? "–" : lt + r.mbps.toFixed(r.mbps < 10 ? 1 : 0)} | ${r.rssMiB === null ? "–" : r.rssMiB.toFixed(0)} | ${r.findings ?? "–"} |`);
  }
  if (extra.length) lines.push("", ...extra);
  return lines.join("\n");
}

function machine() {
  let model = cpus()[0]?.model ?? "unknown";
  try {
    const m = /model name\s*:\s*(.*)/.exec(readFileSync("/proc/cpuinfo", "utf8"));
    if (m) model = m[1];
  } catch {}
  const nproc = spawnSync("nproc", { encoding: "utf8" }).stdout?.trim() || String(cpus().length);
  return `${nproc} cores (nproc), ${model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${process.platform}`;
}

/** Rules that cannot run in windows around keyword hits, and why: worth fixing in the rule files. */
async function locality() {
  const { loadRules } = await import(join(ROOT, "dist/engine/rule-loader.js"));
  const { toRegExp } = await import(join(ROOT, "dist/engine/compile.js"));
  const { explainRegex } = await import(join(ROOT, "dist/engine/regex-extent.js"));
  const defs = loadRules();
  const why = new Map();
  for (const d of defs) {
    const re = toRegExp(d.pattern);
    const r = explainRegex(re.source, d.keywords, re.flags);
    if (typeof r === "string") why.set(r, [...(why.get(r) ?? []), d.id]);
  }
  const whole = [...why.values()].reduce((n, v) => n + v.length, 0);
  const lines = [`${defs.length} rules; ${defs.length - whole} run only near their keywords, ${whole} over whole files:`];
  for (const [reason, ids] of why) lines.push(`- ${reason}: ${ids.join(", ")}`);
  return lines.join("\n");
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const want = (k) => !o.only || o.only.has(k);
  mkdirSync(TMP, { recursive: true });
  const corpus = await ensureCorpus(ROOT, {
    sizeMB: o.size,
    commits: o.commits,
    log: want("stdin"),
    history: want("history") && !o.repo,
    staged: want("staged"),
    tree: !o.tree,
  });
  const treeDir = o.tree ?? corpus.tree;
  const repoDir = o.repo ?? corpus.history;
  const kw = await keywordsFile();
  const rg = has("rg");
  if (!rg) note("rg not installed: reference rows skipped (Debian/Ubuntu: apt-get install ripgrep)");
  const out = [];
  const results = { machine: machine(), keywords: kw.count, runs: o.runs };
  const nhi = (args) => `${q(process.execPath)} ${q(BIN)} ${args}`;

  if (want("tree")) {
    const { bytes, files } = treeBytes(treeDir);
    note(`tree: ${files} files, ${mb(bytes).toFixed(0)} MB in ${treeDir}`);
    const rows = [];
    const jf = join(TMP, "tree.json");
    rows.push(fmtRow(measure("nhi-scan", nhi(`scan ${q(treeDir)} -f json -o ${q(jf)} -q`), { runs: o.runs, findings: () => countJsonFindings(jf) }), bytes));
    if (rg) {
      const rf = join(TMP, "rg.txt");
      rows.push(fmtRow(measure("rg (keywords)", `rg --hidden -g '!.git' --no-messages -i -F -f ${q(kw.file)} --count-matches ${q(treeDir)} > ${q(rf)}`, { runs: o.runs, findings: () => sumCounts(rf) }), bytes));
    }
    const sl = secretlint(o.install);
    if (sl) {
      const sf = join(TMP, "secretlint.json");
      rows.push(
        fmtRow(
          measure("secretlint (recommend)", `${q(process.execPath)} ${q(sl.bin)} '**/*' --secretlintrc ${q(sl.rc)} --format json --no-color > ${q(sf)}`, { cwd: treeDir, runs: o.runs, findings: () => secretlintFindings(sf), timeoutS: o.timeout }),
          bytes,
        ),
      );
    } else note("secretlint unavailable: its row is skipped");
    const [n, r, s] = [rows[0], rows.find((x) => x?.tool.startsWith("rg")), rows.find((x) => x?.tool.startsWith("secretlint"))];
    const extra = [`${files} files, ${mb(bytes).toFixed(0)} MB; ${kw.count} keywords in the rg pattern.`];
    if (n && r) extra.push(`nhi-scan / rg wall time: **${(n.wall / r.wall).toFixed(2)}×** (target ≤ 3×)`);
    if (n && s) extra.push(`secretlint / nhi-scan wall time: **${s.timedOut ? "> " : ""}${(s.wall / n.wall).toFixed(1)}×** (target ≥ 10×)`);
    out.push(table("Working tree", rows, extra));
    results.tree = { files, bytes, rows };
  }

  if (want("history")) {
    if (!existsSync(join(repoDir, ".git")) && !existsSync(join(repoDir, "HEAD"))) note(`history: ${repoDir} is not a git repository: skipped`);
    else {
      const rows = [];
      const sizes = spawnSync("git", ["-C", repoDir, "cat-file", "--batch-all-objects", "--batch-check=%(objecttype) %(objectsize)"], { encoding: "utf8", maxBuffer: 1 << 30 }).stdout;
      let bytes = 0;
      let blobs = 0;
      for (const l of sizes.split("\n")) {
        const [t, s] = l.split(" ");
        if (t) bytes += Number(s);
        if (t === "blob") blobs++;
      }
      const commits = spawnSync("git", ["-C", repoDir, "rev-list", "--all", "--count"], { encoding: "utf8" }).stdout.trim();
      if (nhiSupports("git")) {
        const jf = join(TMP, "history.json");
        rows.push(fmtRow(measure("nhi-scan git", nhi(`git ${q(repoDir)} -f json -o ${q(jf)} -q`), { runs: o.runs, findings: () => countJsonFindings(jf) }), bytes));
      } else note("history: `nhi-scan git` is not available on this build: its row is skipped");
      if (rg) {
        const rf = join(TMP, "rg-history.txt");
        rows.push(fmtRow(measure("git cat-file --batch-all-objects --batch | rg", `git -C ${q(repoDir)} cat-file --batch-all-objects --batch | rg -c -i -F -f ${q(kw.file)} > ${q(rf)}`, { runs: o.runs, findings: () => sumCounts(rf) }), bytes));
      }
      const [n, r] = [rows.find((x) => x?.tool === "nhi-scan git"), rows.find((x) => x?.tool.startsWith("git cat-file"))];
      const extra = [`${commits} commits, ${blobs} blobs, ${mb(bytes).toFixed(0)} MB of objects.`];
      if (n && r) extra.push(`nhi-scan git / reference wall time: **${(n.wall / r.wall).toFixed(2)}×** (target ≤ 3×)`);
      out.push(table("History", rows, extra));
      results.history = { commits: Number(commits), blobs, bytes, rows };
    }
  }

  if (want("stdin")) {
    const logSize = statSync(corpus.log).size;
    const reps = Math.max(1, Math.round((o.stdinMb * 1024 * 1024) / logSize));
    const bytes = reps * logSize;
    const jf = join(TMP, "stdin.json");
    const script = `i=0; while [ $i -lt ${reps} ]; do cat ${q(corpus.log)}; i=$((i+1)); done | ${nhi(`scan - -f json -o ${q(jf)} -q`)}`;
    const row = fmtRow(measure("nhi-scan scan - (stdin)", script, { runs: o.runs, findings: () => countJsonFindings(jf) }), bytes);
    const extra = [`${mb(bytes).toFixed(0)} MB of log lines on stdin (peak RSS target < 300 MiB).`];
    out.push(table("Log on stdin", [row], extra));
    results.stdin = { bytes, rows: [row] };
  }

  if (want("staged")) {
    if (!nhiSupports("git", "--staged")) note("staged: `nhi-scan git --staged` is not available on this build: skipped");
    else {
      const jf = join(TMP, "staged.json");
      const files = spawnSync("git", ["-C", corpus.staged, "ls-files"], { encoding: "utf8", maxBuffer: 1 << 30 }).stdout.split("\n").filter(Boolean).length;
      const row = fmtRow(measure("nhi-scan git --staged", nhi(`git --staged -f json -o ${q(jf)} -q`), { cwd: corpus.staged, runs: o.runs, findings: () => countJsonFindings(jf) }), 0);
      out.push(table("Staged one-file change", [row], [`${files} files in the repository (target < 1 s wall).`]));
      results.staged = { files, rows: [row] };
    }
  }

  const loc = await locality();
  note(loc);
  const md = [`Machine: ${results.machine}`, "", ...out.flatMap((t) => [t, ""])].join("\n");
  results.locality = loc;
  writeFileSync(join(BENCH, "results.md"), md);
  writeFileSync(join(BENCH, "results.json"), JSON.stringify(results, null, 2));
  process.stdout.write(md + "\n");
}

main().catch((e) => {
  process.stderr.write(`bench: ${e.stack ?? e}\n`);
  process.exitCode = 1;
});
