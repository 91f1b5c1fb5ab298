// The end of every scanning command: write the report, decide the exit code.
import type { Report } from "../model.js";
import { gatingFindings } from "../report/severity.js";
import { applyBaseline, applyIgnore } from "../report/baseline.js";
import { emitReport } from "./emit.js";
import { EXIT_CLEAN, EXIT_FINDINGS } from "./errors.js";
import type { Resolved } from "./scan-options.js";

/** Apply the ignore file and baseline, emit the report, and return 1 when a finding gates, else 0. */
export async function finishCommand(report: Report, r: Resolved): Promise<number> {
  if (r.ignore) applyIgnore(report, r.ignore);
  if (r.baseline) applyBaseline(report, r.baseline);
  await emitReport(report, r.emit);
  const gating = gatingFindings(report.findings, r.failOn, r.failOnNhi);
  if (r.emit.output && r.emit.output !== "-" && !r.quiet) {
    process.stderr.write(`nhi-scan: ${report.findings.length} finding(s), ${gating.length} gating; report written to ${r.emit.output}\n`);
  }
  return gating.length ? EXIT_FINDINGS : EXIT_CLEAN;
}
