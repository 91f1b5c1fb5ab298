// The YAML files directly inside a directory, in a stable order: how rule and classification packs load.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

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
