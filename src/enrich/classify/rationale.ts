// Renders a classification rule's rationale: "{placeholder}" fields filled from the finding's facts,
// so every NHI id in a report comes with one line a person can check.
import { formatDuration, formatExactDuration, shortInstant } from "../../util/duration.js";
import type { Facts } from "./facts.js";

function lifetimeText(f: Facts): string {
  const lt = f.lifetime;
  if (f.neverExpires) return "unlimited";
  if (lt?.lifetimeSeconds != null) return formatDuration(lt.lifetimeSeconds);
  if (lt?.maxSeconds !== undefined) return `up to ${formatExactDuration(lt.maxSeconds)}`;
  if (f.atLeastSeconds !== null) return `at least ${formatDuration(f.atLeastSeconds)}`;
  return "unknown";
}

function where(f: Facts): string {
  if (f.deletedFromHead) return "git history";
  if (f.source === "git") return "a git commit";
  if (f.source === "stdin") return "standard input";
  return f.artifact === "plain" ? "a file" : `the ${f.artifact} artifact`;
}

function claimText(v: unknown): string {
  if (Array.isArray(v)) return v.map(claimText).join(" ");
  if (v === true) return "(present)";
  const s = typeof v === "string" || typeof v === "number" ? String(v) : "";
  return s.length > 80 ? `${s.slice(0, 79)}…` : s;
}

const FIELDS: Record<string, (f: Facts) => string> = {
  family: (f) => f.family,
  ruleId: (f) => f.ruleId,
  artifact: (f) => f.artifact,
  path: (f) => f.path,
  where,
  commit: (f) => (f.commit ? f.commit.slice(0, 12) : "unknown"),
  tags: (f) => f.tags.join(", "),
  lifetime: lifetimeText,
  basis: (f) => f.lifetime?.basis ?? "no readable lifetime",
  expiresAt: (f) => (f.lifetime?.expiresAt ? shortInstant(f.lifetime.expiresAt) : f.neverExpires ? "never" : "unknown"),
  taskEnd: (f) => (f.lifetime?.taskEnd ? shortInstant(f.lifetime.taskEnd) : "unknown"),
  residual: (f) => (f.lifetime?.residualSeconds != null ? formatDuration(f.lifetime.residualSeconds) : f.neverExpires ? "forever" : "unknown"),
  policyContext: (f) => f.policyContext,
  policyMax: (f) => formatExactDuration(f.policyMaxSeconds),
  issuer: (f) => f.issuer ?? "unrecognised issuer",
  alg: (f) => f.alg ?? "unknown",
  occurrences: (f) => String(f.occurrences),
  targets: (f) => String(f.targets),
  paths: (f) => String(f.paths),
  pathList: (f) => (f.pathList.length > 3 ? `${f.pathList.slice(0, 3).join(", ")}, …` : f.pathList.join(", ")),
  environments: (f) => f.environments.join(", "),
  privileges: (f) =>
    ["scope", "scp", "roles", "role"]
      .filter((k) => f.publicClaims[k] !== undefined)
      .map((k) => `${k}: ${claimText(f.publicClaims[k])}`)
      .join("; ") || "none readable",
};

const PLACEHOLDER = /\{([A-Za-z]{1,30})(?::([A-Za-z0-9_./-]{1,80}))?\}/g;

/** Placeholders a template uses that do not exist; empty when it is valid. */
export function unknownPlaceholders(template: string): string[] {
  const bad: string[] = [];
  for (const m of template.matchAll(PLACEHOLDER)) {
    if (m[1] === "claim" ? !m[2] : !(m[1] in FIELDS) || m[2] !== undefined) bad.push(m[0]);
  }
  return bad;
}

/** Fill a rationale template from facts. `{claim:NAME}` shows a non-secret claim. */
export function renderRationale(template: string, f: Facts): string {
  return template.replace(PLACEHOLDER, (whole, name: string, arg?: string) => {
    if (name === "claim" && arg) return claimText(f.publicClaims[arg]) || "(absent)";
    const fn = FIELDS[name];
    return fn ? fn(f) : whole;
  });
}

/** The placeholder names a rationale may use, for documentation and errors. */
export const RATIONALE_FIELDS = [...Object.keys(FIELDS), "claim:NAME"];
