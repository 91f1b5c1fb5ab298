// The JSON report (schemaVersion 1, see OUTPUT.md): the Report object itself, stably ordered.
import type { Report } from "../model.js";

/** Serialize a report as pretty JSON with a trailing newline. */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
