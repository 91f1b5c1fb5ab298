// Loads detection rules from YAML files, validates them and applies overrides and disables.
import { basename, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { RuleFileSchema, type RuleDef } from "./rule-schema.js";
import { readYamlFile, yamlFilesIn } from "../util/yaml-files.js";
import { readRuleCache } from "./rule-cache.js";

/** The rule pack shipped with nhi-scan (`rules/` at the package root). */
export const BUILTIN_RULES_DIR = fileURLToPath(new URL("../../rules", import.meta.url));

/** A rule file or rule that failed validation; loading stops on it (exit 2). */
export class RuleLoadError extends Error {}

/** Parse and validate one rule file. */
export function loadRuleFile(file: string): RuleDef[] {
  const pack = readYamlFile(file, RuleFileSchema, (m) => new RuleLoadError(m));
  return pack.rules.map((r) => ({
    ...r,
    family: r.family ?? pack.family,
    remediation: r.remediation ?? pack.remediation,
  }));
}

/** The YAML files directly inside a rules directory, sorted for a stable order. */
export function ruleFilesIn(dir: string): string[] {
  return yamlFilesIn(dir, (m) => new RuleLoadError(`cannot read rules directory ${dir}: ${m}`));
}

export interface RuleSetOptions {
  /** Extra rule directories; a rule with the id of a built-in rule replaces it. */
  dirs?: string[];
  /** Rule ids to drop. */
  disable?: string[];
  /** Replace the built-in pack instead of extending it (tests). */
  builtinDir?: string | null;
}

/** Load the built-in pack plus user directories, with later definitions overriding earlier ones by id. */
export function loadRules(opts: RuleSetOptions = {}): RuleDef[] {
  const byId = new Map<string, RuleDef>();
  const dirs = [
    ...(opts.builtinDir === null ? [] : [opts.builtinDir ?? BUILTIN_RULES_DIR]),
    ...(opts.dirs ?? []).map((d) => resolve(d)),
  ];
  for (const dir of dirs) {
    const seenHere = new Map<string, string>();
    const files = ruleFilesIn(dir);
    // The built-in pack comes pre-parsed from the build when its files are unchanged.
    const cached = dir === BUILTIN_RULES_DIR ? readRuleCache(files) : null;
    for (const file of files) {
      for (const rule of cached?.get(basename(file)) ?? loadRuleFile(file)) {
        const prev = seenHere.get(rule.id);
        if (prev) throw new RuleLoadError(`${file}: duplicate rule id "${rule.id}" (also in ${prev})`);
        seenHere.set(rule.id, file);
        byId.set(rule.id, rule);
      }
    }
  }
  const disable = new Set(opts.disable ?? []);
  return [...byId.values()].filter((r) => !disable.has(r.id));
}
