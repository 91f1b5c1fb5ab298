// The built-in rule pack, pre-parsed at build time. Parsing and validating a few hundred YAML rules
// costs more than scanning a small change, so `npm run build` writes them as JSON beside the
// compiled code, keyed by a hash of the rule files; a pack edited after the build (hash mismatch)
// is parsed from YAML as before.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { RuleDef } from "./rule-schema.js";
import type { RegexExtent } from "./regex-extent.js";
import { analyzeRegex } from "./regex-extent.js";
import { extentKey, rememberExtents, toRegExp } from "./compile.js";

/** Where the build writes the cache (dist/rules.cache.json). */
export const RULE_CACHE_FILE = fileURLToPath(new URL("../rules.cache.json", import.meta.url));

interface CacheFile {
  hash: string;
  /** Rule definitions per file, in file order. */
  files: { file: string; rules: RuleDef[] }[];
  /** The regex analysis of each rule (see regex-extent.ts), so compiling skips it; maxLength null = unbounded. */
  extents: [string, (Omit<RegexExtent, "maxLength"> & { maxLength: number | null }) | null][];
}

/** Hash of a list of rule files: their names and bytes. */
export function hashRuleFiles(files: string[]): string {
  const h = createHash("sha256");
  for (const f of files) {
    h.update(basename(f)).update("\0").update(readFileSync(f)).update("\0");
  }
  return h.digest("hex");
}

/** The cached definitions per file when the cache matches these files, else null. */
export function readRuleCache(files: string[]): Map<string, RuleDef[]> | null {
  let cache: CacheFile;
  try {
    cache = JSON.parse(readFileSync(RULE_CACHE_FILE, "utf8")) as CacheFile;
  } catch {
    return null;
  }
  if (cache.hash !== hashRuleFiles(files)) return null;
  rememberExtents((cache.extents ?? []).map(([k, e]) => [k, e && { ...e, maxLength: e.maxLength ?? Infinity }]));
  return new Map(cache.files.map((f) => [f.file, f.rules]));
}

/** Parse the built-in pack and write the cache (run by `npm run build`). */
export async function writeRuleCache(): Promise<number> {
  const { BUILTIN_RULES_DIR, loadRuleFile, ruleFilesIn } = await import("./rule-loader.js");
  const files = ruleFilesIn(BUILTIN_RULES_DIR);
  const parsed = files.map((f) => ({ file: basename(f), rules: loadRuleFile(f) }));
  const extents: CacheFile["extents"] = parsed.flatMap((f) =>
    f.rules.map((r): CacheFile["extents"][number] => {
      const re = toRegExp(r.pattern);
      const e = analyzeRegex(re.source, r.keywords, re.flags);
      return [extentKey(re.source, r.keywords, re.flags), e && { ...e, maxLength: Number.isFinite(e.maxLength) ? e.maxLength : null }];
    }),
  );
  const cache: CacheFile = { hash: hashRuleFiles(files), files: parsed, extents };
  writeFileSync(RULE_CACHE_FILE, JSON.stringify(cache));
  return cache.files.reduce((n, f) => n + f.rules.length, 0);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeRuleCache().then(
    (n) => process.stdout.write(`rule cache: ${n} built-in rules pre-parsed into ${RULE_CACHE_FILE}\n`),
    (e: Error) => {
      // A broken pack must fail the build, the way loading it would fail a scan.
      process.stderr.write(`rule cache: ${e.message}\n`);
      process.exitCode = 1;
    },
  );
}
