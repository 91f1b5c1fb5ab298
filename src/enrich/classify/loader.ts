// Loads classification data: the built-in rules/classify/ (rules and policy.yaml), then each extra
// directory (config classify.dirs), then the config's policy.maxLifetime. Later rules replace earlier
// ones with the same id; later policy values replace earlier ones by name.
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { z } from "zod";
import { parseDuration } from "../../util/units.js";
import { readYamlFile, yamlFilesIn } from "../../util/yaml-files.js";
import { ClassifyFileSchema, PolicySchema, type ClassifyRuleDoc, type WhenDoc } from "./schema.js";
import { unknownPlaceholders, RATIONALE_FIELDS } from "./rationale.js";
import { compileWhen, ConditionError, type Predicate } from "./conditions.js";

/** The classification data shipped with nhi-scan. */
export const BUILTIN_CLASSIFY_DIR = fileURLToPath(new URL("../../../rules/classify", import.meta.url));

/** Bad classification data or policy: the CLI exits 2 with this message. */
export class ClassifyLoadError extends Error {}

export interface CompiledClassifyRule extends ClassifyRuleDoc {
  match: Predicate;
  file: string;
}

export interface PolicyContext {
  name: string;
  match: Predicate;
}

export interface LoadedClassification {
  rules: CompiledClassifyRule[];
  maxLifetime: Map<string, number>;
  contexts: PolicyContext[];
  /** Path word -> environment name. */
  environmentWords: Map<string, string>;
  /** Where each maximum came from, for explanations ("rules/classify/policy.yaml", "config"). */
  maxLifetimeSource: Map<string, string>;
}

const POLICY_FILE = /^policy\.ya?ml$/i;

function readYaml<T>(file: string, schema: z.ZodType<T>): T {
  return readYamlFile(file, schema, (m) => new ClassifyLoadError(m));
}

function compile(w: WhenDoc, at: string, file: string): Predicate {
  try {
    return compileWhen(w, at);
  } catch (e) {
    if (e instanceof ConditionError) throw new ClassifyLoadError(`${file}: ${e.message}`);
    throw e;
  }
}

function yamlFiles(dir: string): string[] {
  return yamlFilesIn(dir, (m) => new ClassifyLoadError(`cannot read classification directory ${dir}: ${m}`));
}

export interface LoadOptions {
  /** Extra directories after the built-in one. */
  dirs?: string[];
  /** Config policy.maxLifetime: context -> duration. */
  maxLifetime?: Record<string, string | number>;
  /** Replace the built-in directory (tests); null for none. */
  builtinDir?: string | null;
}

/** Load, validate and compile classification rules and policy. */
export function loadClassification(opts: LoadOptions = {}): LoadedClassification {
  const dirs = [...(opts.builtinDir === null ? [] : [opts.builtinDir ?? BUILTIN_CLASSIFY_DIR]), ...(opts.dirs ?? []).map((d) => resolve(d))];
  const rules = new Map<string, CompiledClassifyRule>();
  const maxLifetime = new Map<string, number>();
  const source = new Map<string, string>();
  let contexts: PolicyContext[] = [];
  const envWords = new Map<string, string>();
  for (const dir of dirs) {
    const seenHere = new Map<string, string>();
    for (const file of yamlFiles(dir)) {
      if (POLICY_FILE.test(file.slice(file.lastIndexOf("/") + 1))) {
        const p = readYaml(file, PolicySchema);
        for (const [k, v] of Object.entries(p.maxLifetime)) {
          maxLifetime.set(k, parseDuration(v)!);
          source.set(k, file);
        }
        // A later file's contexts come first, and replace earlier ones of the same name.
        const mine = p.contexts.map((c, i) => ({ name: c.name, match: compile(c.when, `contexts[${i}].when`, file) }));
        const names = new Set(mine.map((c) => c.name));
        contexts = [...mine, ...contexts.filter((c) => !names.has(c.name))];
        for (const [env, words] of Object.entries(p.environments)) {
          for (const [w, e] of [...envWords]) if (e === env) envWords.delete(w);
          for (const w of words) envWords.set(w.toLowerCase(), env);
        }
        continue;
      }
      const doc = readYaml(file, ClassifyFileSchema);
      doc.rules.forEach((r, i) => {
        const prev = seenHere.get(r.id);
        if (prev) throw new ClassifyLoadError(`${file}: duplicate classification rule id "${r.id}" (also in ${prev})`);
        seenHere.set(r.id, file);
        const bad = unknownPlaceholders(r.rationale);
        if (bad.length) {
          throw new ClassifyLoadError(`${file}: rules[${i}] (${r.id}).rationale: unknown placeholder ${bad.join(", ")} (known: ${RATIONALE_FIELDS.join(", ")})`);
        }
        rules.set(r.id, { ...r, match: compile(r.when, `rules[${i}] (${r.id}).when`, file), file });
      });
    }
  }
  for (const [k, v] of Object.entries(opts.maxLifetime ?? {})) {
    const known = new Set([...maxLifetime.keys(), ...contexts.map((c) => c.name), "default"]);
    if (!known.has(k)) {
      throw new ClassifyLoadError(`config policy.maxLifetime.${k}: unknown policy context "${k}" (known: ${[...known].sort().join(", ")})`);
    }
    const s = parseDuration(v);
    if (s === null) throw new ClassifyLoadError(`config policy.maxLifetime.${k}: invalid duration "${v}"`);
    maxLifetime.set(k, s);
    source.set(k, "config policy.maxLifetime");
  }
  if (!maxLifetime.has("default")) throw new ClassifyLoadError("the classification policy has no maxLifetime.default");
  return { rules: [...rules.values()], maxLifetime, contexts, environmentWords: envWords, maxLifetimeSource: source };
}
