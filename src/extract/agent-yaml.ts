// YAML settings of agent tools: Continue's `config.yaml` (models[].apiKey, mcpServers) and Aider's
// `.aider.conf.yml` (api keys). One segment per entry with its pointer; references are blanked.
import { safeErrorMessage } from "../util/safe-error.js";
import type { Blob } from "../model.js";
import { blankCiReferences } from "./ci-config.js";
import { rawRangeSegment } from "./offset-map.js";
import type { Extraction, Extractor } from "./types.js";
import { parseYamlLeaves, yamlSegments } from "./yaml-segments.js";

/** Extract a YAML settings file as entries with pointers. */
export function extractYamlSettings(blob: Blob, artifact: string): Extraction {
  const view = blankCiReferences(blob.bytes);
  const meta = { artifact, layer: "raw", hasLines: true };
  let parsed;
  try {
    parsed = parseYamlLeaves(blob.bytes.toString("latin1"));
  } catch (e) {
    parsed = { leaves: [], values: [], errors: [safeErrorMessage(e)] };
  }
  if (parsed.errors.length) {
    return { segments: [rawRangeSegment(view, 0, view.length, meta)], warnings: [`not valid YAML (${parsed.errors[0]}); scanned as plain text`], artifact };
  }
  return { segments: yamlSegments(view, parsed.leaves, meta), warnings: [], artifact };
}

export const continueYamlExtractor: Extractor = {
  name: "continue-config-yaml",
  claims: (path) => /(?:^|\/)\.continue\/(?:config|assistants\/[^/]+)\.ya?ml$/.test(path),
  extract: (blob) => extractYamlSettings(blob, "continue-config"),
};

export const aiderConfigExtractor: Extractor = {
  name: "aider-config",
  claims: (path) => /(?:^|\/)\.aider\.conf\.ya?ml$/.test(path),
  extract: (blob) => extractYamlSettings(blob, "aider-config"),
};
