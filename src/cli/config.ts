// The .nhi-scan.yaml configuration (shape in ARCHITECTURE.md), validated with zod: an unknown key or
// a wrong type is a usage error (exit 2) naming the key.
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { formatZodIssues } from "../util/zod-format.js";
import { parseDuration } from "../util/units.js";

const duration = z.union([z.string(), z.number()]).refine((v) => parseDuration(v) !== null, {
  message: 'expected a duration such as "15m", "1h", "24h" or a number of seconds',
});

export const ConfigSchema = z
  .object({
    failOn: z.enum(["info", "low", "medium", "high", "critical"]).optional(),
    failOnNhi: z.array(z.string().regex(/^NHI(10|[1-9]):2025$/, "expected an OWASP NHI id such as NHI7:2025")).optional(),
    rules: z
      .object({
        disable: z.array(z.string()).default([]),
        dirs: z.array(z.string()).default([]),
      })
      .strict()
      .optional(),
    allow: z
      .object({
        paths: z.array(z.string()).default([]),
        fingerprints: z.array(z.string().regex(/^[0-9a-f]{64}$/, "expected a 64-character sha256 hex fingerprint")).default([]),
      })
      .strict()
      .optional(),
    policy: z
      .object({
        maxLifetime: z.record(z.string(), duration).optional(),
      })
      .strict()
      .optional(),
    classify: z.object({ dirs: z.array(z.string()).default([]) }).strict().optional(),
  })
  .strict();

export type Config = z.infer<typeof ConfigSchema>;

/** A configuration problem: the CLI exits 2 with this message. */
export class ConfigError extends Error {}

export interface LoadedConfig {
  config: Config;
  /** The file it came from, or null when none was found. */
  file: string | null;
}

const NAMES = [".nhi-scan.yaml", ".nhi-scan.yml"];

/** Find the config at the scan root (first directory target, else the working directory). */
export function findConfig(targets: string[]): string | null {
  const dirTarget = targets.find((t) => t !== "-" && existsSync(t) && statSync(t).isDirectory());
  const roots = [dirTarget ? resolve(dirTarget) : process.cwd()];
  for (const r of roots) {
    for (const n of NAMES) {
      const p = join(r, n);
      if (existsSync(p)) return p;
    }
  }
  return null;
}

/** Load and validate a config file; relative directories in it are resolved against its folder. */
export function loadConfig(file: string | null): LoadedConfig {
  if (!file) return { config: {}, file: null };
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new ConfigError(`cannot read config ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = parseYaml(text) ?? {};
  } catch (e) {
    throw new ConfigError(`${file}: not valid YAML: ${(e as Error).message}`);
  }
  const parsed = ConfigSchema.safeParse(doc);
  if (!parsed.success) throw new ConfigError(`${file}: invalid config: ${formatZodIssues(parsed.error.issues)}`);
  const cfg = parsed.data;
  const base = dirname(resolve(file));
  if (cfg.rules?.dirs) cfg.rules.dirs = cfg.rules.dirs.map((d) => resolve(base, d));
  if (cfg.classify?.dirs) cfg.classify.dirs = cfg.classify.dirs.map((d) => resolve(base, d));
  return { config: cfg, file };
}
