// Scans one blob through extract and detect. Pure given the compiled rules, so it runs the same on
// the main thread and in a worker.
import type { Blob, Match, TaskWindow } from "../model.js";
import { extract } from "../extract/index.js";
import type { RuleSet } from "../engine/compile.js";
import { detectContext, detectSegment, resolveOverlaps } from "../engine/detect.js";

export interface BlobResult {
  matches: Match[];
  skipped?: "binary";
  warnings: string[];
  artifact: string;
  taskWindow?: TaskWindow;
}

/** Extract segments from a blob and detect secrets in each. */
export function scanBlob(blob: Blob, rules: RuleSet): BlobResult {
  const ex = extract(blob);
  if (ex.skipped) return { matches: [], skipped: ex.skipped, warnings: ex.warnings, artifact: ex.artifact };
  const ctx = detectContext(blob.origin.path, blob.bytes);
  const matches: Match[] = [];
  for (const seg of ex.segments) {
    for (const m of detectSegment(seg, rules, ctx)) {
      if (!m.taskWindow && ex.taskWindow) m.taskWindow = ex.taskWindow;
      matches.push(m);
    }
  }
  return { matches: resolveOverlaps(matches, rules), warnings: ex.warnings, artifact: ex.artifact, taskWindow: ex.taskWindow };
}
