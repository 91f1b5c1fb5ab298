// Collects blob results into findings, errors and stats; shared by every source (files, stdin, git, agents).
import type { Origin, ScanError, ScanStats } from "../model.js";
import type { RuleSet } from "../engine/compile.js";
import type { RuleDef } from "../engine/rule-schema.js";
import { buildFinding } from "../enrich/finding.js";
import type { DetectedItem } from "../enrich/index.js";
import type { BlobResult } from "./scan-blob.js";

export interface CollectorSettings {
  showSecrets: boolean;
  onWarning: (msg: string) => void;
  onVerbose?: (msg: string) => void;
  /** Called after every blob with the running totals (progress display). */
  onProgress?: (c: { files: number; blobs: number; bytes: number; findings: number }) => void;
}

/** Collects blob results into findings and stats; shared by every source. */
export class FindingCollector {
  readonly items: DetectedItem[] = [];
  readonly errors: ScanError[] = [];
  readonly stats: ScanStats = { files: 0, blobs: 0, bytes: 0, skipped: { binary: 0, tooLarge: 0, unreadable: 0 }, durationMs: 0 };
  private readonly defs: Map<string, RuleDef>;

  constructor(
    rules: RuleSet,
    private readonly settings: CollectorSettings,
  ) {
    this.defs = new Map(rules.rules.map((r) => [r.def.id, r.def]));
  }

  /** Record an unreadable or skipped path: in errors[] and on stderr. */
  error(path: string, message: string, kind: "unreadable" | "tooLarge" = "unreadable"): void {
    this.errors.push({ path, message });
    this.stats.skipped[kind]++;
    this.settings.onWarning(`${path}: ${message}`);
  }

  /** Fold one scanned blob into the results. */
  add(origin: Origin, bytes: number, r: BlobResult): void {
    this.stats.bytes += bytes;
    if (r.skipped === "binary") {
      this.stats.skipped.binary++;
      this.settings.onVerbose?.(`${origin.path}: skipped (binary)`);
    }
    for (const w of r.warnings) this.settings.onWarning(`${origin.path}: ${w}`);
    for (const m of r.matches) {
      const def = this.defs.get(m.ruleId)!;
      // The match (with the raw secret) stays beside the finding until enrichment, never in output.
      this.items.push({ finding: buildFinding(m, origin, def, this.settings.showSecrets), match: m, rule: def });
    }
    this.settings.onProgress?.({ files: this.stats.files, blobs: this.stats.blobs, bytes: this.stats.bytes, findings: this.items.length });
  }
}
