// Reading the YAML files of a data pack (rules, classification): the files of a directory in a stable
// order, and one file parsed and validated with errors that name it.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { formatZodIssues } from "./zod-format.js";

/** Sorted paths of the *.yaml / *.yml files in `dir`; throws `onError(message)` when it cannot be read. */
export function yamlFilesIn(dir: string, onError: (message: string) => Error): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (e) {
    throw onError((e as Error).message);
  }
  return names
    .filter((n) => /\.ya?ml$/i.test(n))
    .sort()
    .map((n) => join(dir, n))
    .filter((f) => statSync(f).isFile());
}

/** Parse one YAML file and validate it; throws `onError(message)` (naming the file) when either fails. */
export function readYamlFile<T>(file: string, schema: z.ZodType<T>, onError: (message: string) => Error): T {
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(file, "utf8"));
  } catch (e) {
    throw onError(`${file}: not valid YAML: ${(e as Error).message}`);
  }
  const parsed = schema.safeParse(doc);
  if (!parsed.success) throw onError(`${file}: ${formatZodIssues(parsed.error.issues, doc)}`);
  return parsed.data;
}
