// Renders a report in the chosen format and sends it to stdout or, atomically with mode 0600, a file.
import { extname } from "node:path";
import type { Report } from "../model.js";
import { renderJson } from "../report/json.js";
import { renderSarif, type SarifRuleInfo } from "../report/sarif.js";
import { renderText } from "../report/text.js";
import { writeFileAtomic } from "../report/write-output.js";
import { UsageError } from "./errors.js";
import type { RuleDef } from "../engine/rule-schema.js";

export const FORMATS = ["text", "json", "sarif", "markdown", "html"] as const;
export type Format = (typeof FORMATS)[number];

const BY_EXTENSION: Record<string, Format> = {
  ".json": "json",
  ".sarif": "sarif",
  ".html": "html",
  ".htm": "html",
  ".md": "markdown",
  ".markdown": "markdown",
  ".txt": "text",
};

/** --format wins; otherwise the --output extension; otherwise text. */
export function resolveFormat(format: string | undefined, output: string | undefined): Format {
  if (format) {
    if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown --format "${format}" (expected ${FORMATS.join(", ")})`);
    return format as Format;
  }
  if (output) {
    const ext = extname(output).toLowerCase();
    if (output.toLowerCase().endsWith(".sarif.json")) return "sarif";
    return BY_EXTENSION[ext] ?? "text";
  }
  return "text";
}

/** SARIF rule metadata from rule definitions. */
export function sarifRuleInfo(defs: Iterable<RuleDef>): Map<string, SarifRuleInfo> {
  const m = new Map<string, SarifRuleInfo>();
  for (const d of defs) {
    m.set(d.id, {
      id: d.id,
      name: d.name,
      description: d.description,
      family: d.family,
      tags: d.tags,
      references: d.references,
      remediation: d.remediation,
    });
  }
  return m;
}

export interface EmitOptions {
  format: Format;
  output?: string;
  color: boolean;
  rules: Map<string, SarifRuleInfo>;
}

/** Render the report for a format. */
export async function renderReport(report: Report, opts: EmitOptions): Promise<string> {
  switch (opts.format) {
    case "json":
      return renderJson(report);
    case "sarif":
      return renderSarif(report, opts.rules);
    case "text":
      return renderText(report, { color: opts.color && !opts.output });
    case "markdown": {
      const { renderMarkdown } = await import("../report/markdown.js");
      return renderMarkdown(report);
    }
    case "html": {
      const { renderHtml } = await import("../report/html.js");
      const remediation = new Map<string, string>();
      for (const [id, r] of opts.rules) if (r.remediation) remediation.set(id, r.remediation);
      return renderHtml(report, { remediation });
    }
  }
}

/** Write the rendered report to its destination. */
export async function emitReport(report: Report, opts: EmitOptions): Promise<void> {
  const content = await renderReport(report, opts);
  if (opts.output && opts.output !== "-") await writeFileAtomic(opts.output, content);
  else await writeStdout(content);
}

/** Write to stdout and wait until it has been flushed (pipes are asynchronous). */
export function writeStdout(s: string): Promise<void> {
  return new Promise((res, rej) => process.stdout.write(s, (e) => (e ? rej(e) : res())));
}
