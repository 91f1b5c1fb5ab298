// SARIF 2.1.0 for GitHub code scanning: relative URIs under %SRCROOT%, rule help, security-severity,
// partial fingerprints, and NHI ids and lifetime figures in result properties.
import { existsSync, statSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import type { Finding, Report } from "../model.js";
import { sha256Hex } from "../enrich/fingerprint.js";
import { SECURITY_SEVERITY, sarifLevel } from "./severity.js";
import { lifetimeSentence } from "./lifetime-text.js";

/** What the SARIF writer needs to know about each rule that produced a result. */
export interface SarifRuleInfo {
  id: string;
  name: string;
  description: string;
  family: string;
  tags: string[];
  references: string[];
  remediation?: string;
}

const INFO_URI = "https://github.com/nhi-scan/nhi-scan";
const DEFAULT_REMEDIATION =
  "Revoke or rotate the credential at its provider now (removing it from the file does not make it safe: it stays in history and copies), then load it at runtime from a secret manager or replace it with short-lived federated credentials (OIDC, workload identity).";

const toPosix = (p: string) => (sep === "/" ? p : p.split(sep).join("/"));

/** The directory SARIF URIs are relative to: the single directory scanned, else the working directory. */
export function sarifRoot(report: Report): string {
  const t = report.scan.targets;
  if (t.length === 1 && t[0] !== "-") {
    const abs = resolve(t[0]);
    try {
      if (statSync(abs).isDirectory()) return abs;
    } catch {
      /* a target from another machine (merged report): fall through */
    }
  }
  return process.cwd();
}

/** The URI of a finding's file relative to the SARIF root (forward slashes, percent-encoded). */
export function findingUri(f: Finding, root: string): string {
  const { target, path, kind } = f.location;
  if (kind === "stdin") return "stdin";
  let abs: string;
  const t = resolve(target);
  if (existsSync(t) && !statSync(t).isDirectory()) abs = t;
  else abs = resolve(t, path);
  const rel = relative(root, abs);
  const p = !rel || rel.startsWith("..") || isAbsolute(rel) ? toPosix(abs) : toPosix(rel);
  return p.split("/").map(encodeURIComponent).join("/");
}

function ruleHelp(r: SarifRuleInfo, nhi: string[]): { text: string; markdown: string } {
  const remediation = r.remediation ?? DEFAULT_REMEDIATION;
  const why =
    "A credential in a file, log or history can be copied by anyone who can read it, and it stays usable until it is revoked or expires.";
  const refs = r.references.length ? r.references : [];
  const text = [`${r.description}`, "", `Why it matters: ${why}`, "", `How to fix: ${remediation}`, ...(nhi.length ? ["", `OWASP NHI Top 10: ${nhi.join(", ")}`] : []), ...(refs.length ? ["", "References:", ...refs] : [])].join("\n");
  const markdown = [
    `**${r.name}**`,
    "",
    r.description,
    "",
    `**Why it matters.** ${why}`,
    "",
    `**How to fix.** ${remediation}`,
    ...(nhi.length ? ["", `**OWASP NHI Top 10:** ${nhi.join(", ")}`] : []),
    ...(refs.length ? ["", "**References:**", ...refs.map((u) => `- <${u}>`)] : []),
  ].join("\n");
  return { text, markdown };
}

function truncate(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}

/** Render a report as a SARIF 2.1.0 log. */
export function renderSarif(report: Report, rules: Map<string, SarifRuleInfo>, opts: { root?: string } = {}): string {
  const root = opts.root ?? sarifRoot(report);
  const used = [...new Set(report.findings.map((f) => f.ruleId))].sort();
  const ruleIndex = new Map(used.map((id, i) => [id, i]));
  const nhiByRule = new Map<string, Set<string>>();
  const worst = new Map<string, Finding>();
  for (const f of report.findings) {
    const s = nhiByRule.get(f.ruleId) ?? new Set<string>();
    for (const n of f.nhi) s.add(n.id);
    nhiByRule.set(f.ruleId, s);
    if (!worst.has(f.ruleId)) worst.set(f.ruleId, f);
  }
  const sarifRules = used.map((id) => {
    const f = worst.get(id)!;
    const r: SarifRuleInfo = rules.get(id) ?? {
      id,
      name: f.ruleName,
      description: f.ruleName,
      family: f.family,
      tags: [],
      references: [],
    };
    const nhi = [...(nhiByRule.get(id) ?? [])].sort();
    return {
      id,
      name: truncate(r.name.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : "")), 255),
      shortDescription: { text: truncate(r.name, 1024) },
      fullDescription: { text: truncate(r.description, 1024) },
      help: ruleHelp(r, nhi),
      helpUri: r.references[0],
      defaultConfiguration: { level: sarifLevel(f.severity) },
      properties: {
        tags: [...new Set(["security", "secret", r.family, ...nhi])].slice(0, 20),
        precision: f.confidence === "high" ? "high" : f.confidence === "medium" ? "medium" : "low",
        "security-severity": SECURITY_SEVERITY[f.severity],
      },
    };
  });

  const lineHashCount = new Map<string, number>();
  const results = report.findings.map((f) => {
    const uri = findingUri(f, root);
    const base = sha256Hex(`${f.fingerprint}\0${uri}`).slice(0, 16);
    const n = (lineHashCount.get(base) ?? 0) + 1;
    lineHashCount.set(base, n);
    const loc = f.location;
    const region =
      loc.line !== null
        ? {
            startLine: loc.line,
            startColumn: loc.column ?? 1,
            endLine: loc.endLine ?? loc.line,
            endColumn: loc.endColumn ?? (loc.column ?? 1) + 1,
          }
        : { startLine: 1 };
    const lt = f.lifetime;
    const properties: Record<string, unknown> = { nhi: f.nhi.map((x) => x.id), fingerprint: f.fingerprint, family: f.family, confidence: f.confidence, artifact: f.artifact };
    if (lt) {
      properties.lifetimeKind = lt.kind;
      // Every figure is present once a lifetime was decoded; null says "not readable", so a consumer
      // can tell "no expiry" (expiresAt null) from "no lifetime information" (no lifetimeKind at all).
      properties.lifetimeSeconds = lt.lifetimeSeconds;
      properties.expiresAt = lt.expiresAt;
      properties.expired = lt.expired;
      properties.taskEnd = lt.taskEnd;
      properties.outlivesTask = lt.outlivesTask;
      properties.residualSeconds = lt.residualSeconds;
    }
    if (f.rationale && Object.keys(f.rationale).length) properties.nhiRationale = f.rationale;
    if (lt?.issuer) properties.issuer = lt.issuer;
    if (loc.commit) properties.commit = loc.commit;
    if (loc.presentAtHead !== undefined) properties.presentAtHead = loc.presentAtHead;
    if (loc.pointer) properties.pointer = loc.pointer;
    if (loc.line === null) properties.positionUnknown = true;
    if (f.secret.identity) properties.identity = f.secret.identity;
    const nhiText = f.nhi.length ? ` [${f.nhi.map((x) => x.id).join(", ")}]` : "";
    const life = lt ? ` ${lifetimeSentence(lt)}.` : "";
    const result: Record<string, unknown> = {
      ruleId: f.ruleId,
      ruleIndex: ruleIndex.get(f.ruleId),
      level: sarifLevel(f.severity),
      message: { text: `${f.ruleName} found: ${f.secret.redacted} (${f.secret.length} characters). Rotate it and remove it from the file and its history.${life}${nhiText}` },
      locations: [{ physicalLocation: { artifactLocation: { uri, uriBaseId: "SRCROOT" }, region } }],
      partialFingerprints: { primaryLocationLineHash: `${base}:${n}`, "nhiScanFingerprint/v1": f.fingerprint },
      properties,
    };
    if (f.suppressed) {
      result.suppressions = [{ kind: "external", justification: f.suppressed.reason ?? f.suppressed.by }];
    }
    if (f.baselineState) result.baselineState = f.baselineState;
    return result;
  });

  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "nhi-scan",
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: INFO_URI,
            rules: sarifRules,
          },
        },
        automationDetails: { id: `nhi-scan/${report.scan.startedAt}` },
        originalUriBaseIds: { SRCROOT: { uri: `${pathToFileURL(root).href.replace(/\/?$/, "/")}` } },
        invocations: [
          {
            executionSuccessful: true,
            startTimeUtc: report.scan.startedAt,
            endTimeUtc: report.scan.finishedAt,
            toolExecutionNotifications: report.errors.slice(0, 1000).map((e) => ({
              level: "warning",
              message: { text: `${e.path}: ${e.message}` },
            })),
          },
        ],
        results,
        columnKind: "utf16CodeUnits",
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
