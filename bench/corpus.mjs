// Builds the benchmark corpora under .bench/corpus (cached; rebuilt when the recipe changes):
//   tree/     a working tree of a few hundred MB: real source text (the project's own node_modules,
//             copied under other names), configs, logs, one big log, binaries, with planted secrets
//   log.log   64 MiB of application log lines with a few planted tokens (the stdin test repeats it)
//   history/  a git repository of several thousand commits (built with git fast-import)
//   staged/   a git repository of 50,000 files with a one-file staged change
// Everything is generated from a seeded PRNG; planted secrets are fake but well-formed, made here at
// run time, so this repository never contains one.
import { createHash, generateKeyPairSync } from "node:crypto";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, lstatSync } from "node:fs";
import { dirname, join, relative } from "node:path";

const RECIPE = 3; // bump when the generated content changes

/** Deterministic PRNG (mulberry32). */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    str: (n, alphabet) => {
      let s = "";
      for (let i = 0; i < n; i++) s += alphabet[Math.floor(next() * alphabet.length)];
      return s;
    },
  };
}

const B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const HEX = "0123456789abcdef";
const UPPER_NUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const B64 = B62 + "+/";
const B64URL = B62 + "-_";

/** Secret generators: fake, well-formed credentials of common kinds. */
export async function secretMakers(root) {
  const { base62Crc32 } = await import(join(root, "dist/engine/validators/base62-checksum.js"));
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs8", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
  const gh = (r, prefix) => {
    const body = r.str(30, B62);
    return `${prefix}_${body}${base62Crc32(body)}`;
  };
  const b64url = (s) => Buffer.from(s).toString("base64url");
  return [
    (r) => `GITHUB_TOKEN=${gh(r, "ghp")}`,
    (r) => `    oauth_token: ${gh(r, "gho")}`,
    (r) => `"token": "${gh(r, "ghs")}",`,
    (r) => `GH_PAT=github_pat_11${r.str(20, UPPER_NUM)}_${r.str(59, B62)}`,
    (r) => `aws_access_key_id = AKIA${r.str(16, UPPER_NUM)}\naws_secret_access_key = ${r.str(40, B64)}`,
    (r) => `SLACK_BOT_TOKEN=xoxb-${r.str(11, "0123456789")}-${r.str(12, "0123456789")}-${r.str(24, B62)}`,
    (r) => `stripe.api_key = "sk_live_${r.str(24, B62)}"`,
    (r) => `GITLAB_TOKEN=glpat-${r.str(20, B64URL)}`,
    (r) => `OPENAI_API_KEY=sk-proj-${r.str(48, B64URL)}T3BlbkFJ${r.str(48, B64URL)}`,
    (r) => `//registry.npmjs.org/:_authToken=npm_${r.str(36, B62)}`,
    (r) => `Authorization: Bearer ${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url(JSON.stringify({ sub: r.str(8, HEX), exp: 1900000000, iat: 1700000000 }))}.${r.str(43, B64URL)}`,
    (r) => `DATABASE_URL=postgres://app:${r.str(20, B62)}@db.internal:5432/app`,
    (r) => `db_password = "${r.str(18, B62)}!${r.str(4, B62)}"`,
    () => privateKey.trim(),
  ];
}

function walkFiles(dir, out = []) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    const st = lstatSync(p);
    if (st.isSymbolicLink()) continue;
    if (st.isDirectory()) walkFiles(p, out);
    else if (st.isFile()) out.push(p);
  }
  return out;
}

/** Real text files (source, docs, JSON) from the project's node_modules, the seed of the tree. */
function textPool(root) {
  const nm = join(root, "node_modules");
  const files = walkFiles(nm).filter((f) => /\.(js|mjs|cjs|ts|mts|cts|md|json|map|txt|yml|yaml)$/.test(f) && !/(^|\/)\.[^/]*ignore$/.test(f));
  const pool = [];
  for (const f of files) {
    const size = statSync(f).size;
    if (size === 0 || size > 4 << 20) continue;
    pool.push({ rel: relative(nm, f), bytes: readFileSync(f) });
  }
  return pool;
}

const LEVELS = ["INFO", "INFO", "INFO", "DEBUG", "WARN", "ERROR"];
const WORDS = "request handled user session token refresh cache miss hit auth login logout upload download retry timeout queue worker job started finished payment order invoice key secret config loaded api gateway proxy".split(" ");

/** Realistic application log lines (timestamps, levels, ids, URLs, JSON payloads). */
function logLines(r, n, planted, makers) {
  let t = Date.UTC(2026, 0, 1);
  const lines = [];
  for (let i = 0; i < n; i++) {
    t += r.int(50);
    const ts = new Date(t).toISOString();
    const lvl = r.pick(LEVELS);
    const kind = r.int(4);
    let msg;
    if (kind === 0) msg = `GET /api/v1/${r.pick(WORDS)}/${r.str(8, HEX)}?page=${r.int(50)} 200 ${r.int(900)}ms ua="Mozilla/5.0" ip=10.${r.int(255)}.${r.int(255)}.${r.int(255)}`;
    else if (kind === 1) msg = JSON.stringify({ event: r.pick(WORDS), user: r.str(10, HEX), took: r.int(1000), ok: r.next() > 0.1 });
    else if (kind === 2) msg = `${r.pick(WORDS)} ${r.pick(WORDS)} ${r.pick(WORDS)} id=${r.str(12, B62)} attempt=${r.int(5)}`;
    else msg = `worker-${r.int(16)} ${r.pick(WORDS)} ${r.pick(WORDS)} in ${r.int(3000)}ms`;
    lines.push(`${ts} ${lvl} [${r.pick(WORDS)}] ${msg}`);
    if (planted && r.next() < planted) lines.push(`${ts} DEBUG [env] ${r.pick(makers)(r).split("\n")[0]}`);
  }
  return lines.join("\n") + "\n";
}

const CONFIG_KINDS = [
  (r) => `# service settings\nPORT=${r.int(9000)}\nLOG_LEVEL=info\nFEATURE_FLAGS=${r.pick(WORDS)},${r.pick(WORDS)}\nCACHE_TTL=${r.int(600)}\n`,
  (r) => `service:\n  name: ${r.pick(WORDS)}-svc\n  replicas: ${r.int(8)}\n  env:\n    - name: TOKEN_TTL\n      value: "${r.int(3600)}"\n    - name: API_URL\n      value: https://api.example.internal/${r.pick(WORDS)}\n`,
  (r) => JSON.stringify({ name: r.pick(WORDS), version: `${r.int(9)}.${r.int(20)}.${r.int(40)}`, auth: { provider: "oidc", audience: r.pick(WORDS) }, keys: [r.str(8, HEX)] }, null, 2) + "\n",
  (r) => `[default]\nregion = eu-west-${1 + r.int(3)}\noutput = json\n`,
];
const CONFIG_NAMES = [".env", "config.yaml", "settings.json", "credentials", "values.yaml", "app.properties", "terraform.tfvars"];

function write(p, data) {
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, data);
}

/** The working tree: about `sizeMB` megabytes. Returns the number of planted secrets. */
async function buildTree(root, dir, sizeMB) {
  const r = rng(7);
  const makers = await secretMakers(root);
  const pool = textPool(root);
  const target = sizeMB * 1024 * 1024;
  let total = 0;
  let planted = 0;
  let copy = 0;
  const plantInto = (text) => {
    const lines = text.split("\n");
    const at = r.int(lines.length);
    lines.splice(at, 0, r.pick(makers)(r));
    planted++;
    return lines.join("\n");
  };
  while (total < target) {
    const base = join(dir, `repo-${String(copy).padStart(2, "0")}`);
    for (const f of pool) {
      if (total >= target) break;
      let data = f.bytes;
      // One source file in 400 carries a pasted credential.
      if (r.next() < 1 / 400 && !f.rel.endsWith(".map")) data = Buffer.from(plantInto(data.toString("utf8")));
      write(join(base, "src", f.rel), data);
      total += data.length;
    }
    for (let i = 0; i < 300 && total < target; i++) {
      let text = r.pick(CONFIG_KINDS)(r);
      if (r.next() < 0.08) text = plantInto(text);
      const p = join(base, "deploy", `svc-${i % 60}`, `${i}-${r.pick(CONFIG_NAMES)}`);
      write(p, text);
      total += text.length;
    }
    for (let i = 0; i < 10 && total < target; i++) {
      const text = logLines(r, 8000 + r.int(16000), 0.0004, makers);
      write(join(base, "logs", `app-${i}.log`), text);
      total += text.length;
    }
    for (let i = 0; i < 60 && total < target; i++) {
      const n = 4096 + r.int(200_000);
      const b = Buffer.alloc(n);
      for (let j = 0; j < n; j += 4) b.writeUInt32LE((r.next() * 2 ** 32) >>> 0, Math.min(j, n - 4));
      b[8] = 0;
      write(join(base, "assets", `img-${i}.png`), b);
      total += n;
    }
    copy++;
  }
  // One log bigger than --max-file-size: scanned in chunks by nhi-scan.
  const big = logLines(r, 400_000, 0.0001, makers);
  write(join(dir, "repo-00", "logs", "big.log"), big);
  total += big.length;
  return { bytes: total, planted };
}

/** 64 MiB of log text for the stdin test. */
async function buildLog(root, file) {
  const r = rng(11);
  const makers = await secretMakers(root);
  const parts = [];
  let n = 0;
  while (n < 64 << 20) {
    const s = logLines(r, 20000, 0.00005, makers);
    parts.push(s);
    n += s.length;
  }
  writeFileSync(file, Buffer.from(parts.join("")).subarray(0, 64 << 20));
}

function git(cwd, args, input) {
  const res = spawnSync("git", args, { cwd, input, maxBuffer: 1 << 30, env: { ...process.env, GIT_TERMINAL_PROMPT: "0" } });
  if (res.status !== 0) throw new Error(`git ${args.join(" ")}: ${res.stderr}`);
  return res.stdout;
}

/** fast-import stream writer. */
function fastImport() {
  const parts = [];
  let mark = 0;
  return {
    blob(data) {
      const m = ++mark;
      const b = Buffer.isBuffer(data) ? data : Buffer.from(data);
      parts.push(Buffer.from(`blob\nmark :${m}\ndata ${b.length}\n`), b, Buffer.from("\n"));
      return m;
    },
    commit(branch, when, msg, ops) {
      const m = ++mark;
      const who = `Dev ${when % 7} <dev${when % 7}@example.com> ${when} +0000`;
      parts.push(Buffer.from(`commit refs/heads/${branch}\nmark :${m}\nauthor ${who}\ncommitter ${who}\ndata ${Buffer.byteLength(msg)}\n${msg}\n`));
      for (const op of ops) parts.push(Buffer.from(op.del ? `D ${op.path}\n` : `M 100644 :${op.mark} ${op.path}\n`));
      parts.push(Buffer.from("\n"));
      return m;
    },
    bytes: () => Buffer.concat(parts),
  };
}

/** A repository with `commits` commits of small edits over a base of real source files. */
async function buildHistory(root, dir, commits) {
  const r = rng(21);
  const makers = await secretMakers(root);
  const pool = textPool(root).filter((f) => f.bytes.length < 64 << 10 && !f.rel.endsWith(".map"));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  git(dir, ["init", "-q", "-b", "main"]);
  const fi = fastImport();
  const files = new Map(); // path -> content
  const paths = [];
  let when = 1_700_000_000;
  const ops = [];
  for (const f of pool.slice(0, 1500)) {
    const p = `src/${f.rel}`;
    files.set(p, f.bytes.toString("utf8"));
    paths.push(p);
    ops.push({ path: p, mark: fi.blob(f.bytes) });
  }
  fi.commit("main", when, "initial import", ops);
  for (let c = 1; c < commits; c++) {
    when += 600 + r.int(7200);
    const edits = [];
    const n = 1 + r.int(3);
    for (let k = 0; k < n; k++) {
      const p = r.pick(paths);
      const lines = files.get(p).split("\n");
      const at = r.int(lines.length + 1);
      const add = r.next() < 0.01 ? r.pick(makers)(r) : `// change ${c}.${k}: ${r.pick(WORDS)} ${r.pick(WORDS)} ${r.str(12, B62)}`;
      lines.splice(at, r.next() < 0.5 ? 1 : 0, add);
      const text = lines.join("\n");
      files.set(p, text);
      edits.push({ path: p, mark: fi.blob(text) });
    }
    fi.commit("main", when, `change ${c}`, edits);
  }
  git(dir, ["fast-import", "--quiet"], fi.bytes());
  git(dir, ["reset", "-q", "--hard", "main"]);
  git(dir, ["gc", "-q"]);
}

/** A repository with 50,000 files and one staged one-file change. */
async function buildStaged(root, dir, nfiles) {
  const r = rng(31);
  const makers = await secretMakers(root);
  const pool = textPool(root).filter((f) => f.bytes.length < 16 << 10);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  git(dir, ["init", "-q", "-b", "main"]);
  const fi = fastImport();
  const ops = [];
  const marks = pool.map((f) => fi.blob(f.bytes));
  for (let i = 0; i < nfiles; i++) {
    const k = r.int(pool.length);
    ops.push({ path: `pkg${Math.floor(i / 500)}/mod${Math.floor(i / 50) % 10}/${i}-${pool[k].rel.split("/").pop()}`, mark: marks[k] });
  }
  fi.commit("main", 1_700_000_000, "import", ops);
  git(dir, ["fast-import", "--quiet"], fi.bytes());
  git(dir, ["reset", "-q", "--hard", "main"]);
  const changed = ops[r.int(ops.length)].path;
  writeFileSync(join(dir, changed), readFileSync(join(dir, changed), "utf8") + `\n${r.pick(makers)(r)}\n`);
  git(dir, ["add", "--", changed]);
  return { changed };
}

/** Build (or reuse) every corpus; returns their locations. */
export async function ensureCorpus(root, { sizeMB = 300, commits = 5000, stagedFiles = 50_000, tree = true, log = true, history = true, staged = true } = {}) {
  const base = join(root, ".bench", "corpus");
  mkdirSync(base, { recursive: true });
  const stamp = (name, params) => createHash("sha256").update(JSON.stringify({ RECIPE, name, params })).digest("hex").slice(0, 16);
  const cached = (name, params) => {
    const f = join(base, `${name}.stamp`);
    return existsSync(f) && readFileSync(f, "utf8") === stamp(name, params);
  };
  const mark = (name, params) => writeFileSync(join(base, `${name}.stamp`), stamp(name, params));
  const out = { tree: join(base, "tree"), log: join(base, "log.log"), history: join(base, "history"), staged: join(base, "staged") };
  if (tree && !cached("tree", { sizeMB })) {
    process.stderr.write(`bench: generating a ${sizeMB} MB working tree in ${out.tree} ...\n`);
    rmSync(out.tree, { recursive: true, force: true });
    await buildTree(root, out.tree, sizeMB);
    mark("tree", { sizeMB });
  }
  if (log && !cached("log", {})) {
    process.stderr.write("bench: generating a 64 MiB log ...\n");
    await buildLog(root, out.log);
    mark("log", {});
  }
  if (history && !cached("history", { commits })) {
    process.stderr.write(`bench: generating a git history of ${commits} commits ...\n`);
    await buildHistory(root, out.history, commits);
    mark("history", { commits });
  }
  if (staged && !cached("staged", { stagedFiles })) {
    process.stderr.write(`bench: generating a ${stagedFiles}-file repository with a staged change ...\n`);
    await buildStaged(root, out.staged, stagedFiles);
    mark("staged", { stagedFiles });
  }
  return out;
}
