// The facts classification rules test: one flat record per finding, built from the finding, what its
// rule and segment knew (tags, context), its decoded JWT, and its fingerprint group (reuse).
import type { Finding, Lifetime, SourceKind } from "../../model.js";

/** How widely one secret is spread: the same for every finding of its fingerprint. */
export interface ReuseFacts {
  occurrences: number;
  targets: number;
  paths: number;
  pathList: string[];
  unrelatedPaths: boolean;
  environments: string[];
}

export interface Facts extends ReuseFacts {
  ruleId: string;
  family: string;
  tags: string[];
  artifact: string;
  target: string;
  path: string;
  source: SourceKind;
  commit: string | null;
  /** git: only history holds it (no location of this secret in the same target is at HEAD). */
  deletedFromHead: boolean;
  lifetime: Lifetime | null;
  /** The credential has no expiry at all (not merely an unreadable one). */
  neverExpires: boolean;
  /** lifetimeSeconds, else the lifetime an "implied" kind has by design: the lifetime we know. */
  knownSeconds: number | null;
  /** Evidence-based lower bound: expiry minus the earliest instant the secret is known to exist. */
  atLeastSeconds: number | null;
  issuer: string | null;
  alg: string | null;
  /** The full decoded payload, for conditions only (never output). */
  claims: Record<string, unknown>;
  /** The non-secret claims, for rationale text. */
  publicClaims: Record<string, unknown>;
  context: Record<string, string | number | boolean>;
  policyContext: string;
  policyMaxSeconds: number;
  exceedsPolicy: boolean;
}

/** What enrichment knows about a finding beyond the finding itself. */
export interface FindingExtras {
  tags?: string[];
  context?: Record<string, string | number | boolean>;
  payload?: Record<string, unknown>;
  alg?: string | null;
}

/** Reuse figures shared by every finding of one fingerprint. */
export interface GroupFacts extends ReuseFacts {
  /** Per target: some git location of this secret is still at HEAD. */
  atHead: Set<string>;
}

/** Directory of a relative path ("" at the root). */
function dirOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "" : path.slice(0, i);
}

/** One directory is the other or contains it: the files belong together. */
function related(a: string, b: string): boolean {
  if (a === b || a === "" || b === "") return true;
  return a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
}

/** The environment a path names, read from the file name back to the root; null if none. */
export function environmentOf(path: string, words: Map<string, string>): string | null {
  const tokens = path.toLowerCase().split(/[/._\-\s]+/);
  for (let i = tokens.length - 1; i >= 0; i--) {
    const env = words.get(tokens[i]);
    if (env) return env;
  }
  return null;
}

/** Reuse facts for every fingerprint in a set of findings. */
export function groupFacts(findings: Finding[], envWords: Map<string, string>): Map<string, GroupFacts> {
  const byFp = new Map<string, Finding[]>();
  for (const f of findings) {
    const g = byFp.get(f.fingerprint);
    if (g) g.push(f);
    else byFp.set(f.fingerprint, [f]);
  }
  const out = new Map<string, GroupFacts>();
  for (const [fp, group] of byFp) {
    const targets = new Set(group.map((f) => f.location.target));
    const places = new Map<string, { target: string; path: string }>();
    for (const f of group) places.set(`${f.location.target}\0${f.location.path}`, { target: f.location.target, path: f.location.path });
    const list = [...places.values()];
    // Compare distinct directories per target, not every pair of files: a secret in thousands of
    // files usually sits in a handful of directories.
    const dirs = new Map<string, Set<string>>();
    for (const p of list) {
      const ds = dirs.get(p.target) ?? new Set<string>();
      ds.add(dirOf(p.path));
      dirs.set(p.target, ds);
    }
    let unrelated = false;
    for (const set of dirs.values()) {
      const ds = [...set];
      for (let i = 0; i < ds.length && !unrelated; i++) {
        for (let j = i + 1; j < ds.length && !unrelated; j++) if (!related(ds[i], ds[j])) unrelated = true;
      }
    }
    const envs = new Set<string>();
    for (const p of list) {
      const e = environmentOf(p.path, envWords);
      if (e) envs.add(e);
    }
    const atHead = new Set(group.filter((f) => f.location.kind === "git" && f.location.presentAtHead === true).map((f) => f.location.target));
    out.set(fp, {
      occurrences: group.length,
      targets: targets.size,
      paths: list.length,
      pathList: list.map((p) => (targets.size > 1 ? `${p.target}:${p.path}` : p.path)).sort(),
      unrelatedPaths: unrelated,
      environments: [...envs].sort(),
      atHead,
    });
  }
  return out;
}

/** True when a lifetime means "never expires" (not merely "expiry unknown"). */
export function neverExpires(lt: Lifetime | undefined | null): boolean {
  return !!lt && lt.expiresAt === null && lt.maxSeconds === undefined;
}

/**
 * The lifetime we know: the readable one, or the one an `implied` kind has by design (ghs_: 1 h).
 * An `sts` maximum (ASIA keys: up to 36 h) is only a bound, not evidence of a long lifetime.
 */
function knownSeconds(lt: Lifetime | null): number | null {
  if (!lt) return null;
  if (lt.lifetimeSeconds !== null) return lt.lifetimeSeconds;
  return lt.kind === "implied" ? (lt.maxSeconds ?? null) : null;
}

/**
 * The shortest lifetime the evidence proves: a credential that expires at E and is known to exist at
 * T (the scan clock, the task end, the commit that added it) lived at least E - T.
 */
function atLeast(f: Finding, now: Date): number | null {
  const lt = f.lifetime;
  if (!lt || lt.expiresAt === null) return null;
  if (lt.lifetimeSeconds !== null) return lt.lifetimeSeconds;
  const seen = [now.getTime()];
  if (lt.taskEnd) seen.push(Date.parse(lt.taskEnd));
  if (f.location.date) {
    const d = Date.parse(f.location.date);
    if (Number.isFinite(d)) seen.push(d);
  }
  const exp = Date.parse(lt.expiresAt);
  const s = Math.round((exp - Math.min(...seen)) / 1000);
  return s > 0 ? s : null;
}

/** Facts for one finding before the policy is applied (policy fields are filled by the classifier). */
export function baseFacts(f: Finding, extras: FindingExtras, group: GroupFacts, now: Date): Facts {
  const lt = f.lifetime ?? null;
  const loc = f.location;
  return {
    ruleId: f.ruleId,
    family: f.family,
    tags: extras.tags ?? [],
    artifact: f.artifact,
    target: loc.target,
    path: loc.path,
    source: loc.kind,
    commit: loc.commit ?? null,
    deletedFromHead: loc.kind === "git" && loc.presentAtHead === false && !group.atHead.has(loc.target),
    lifetime: lt,
    neverExpires: neverExpires(lt),
    knownSeconds: knownSeconds(lt),
    atLeastSeconds: atLeast(f, now),
    issuer: lt?.issuer ?? null,
    alg: extras.alg ?? null,
    claims: extras.payload ?? f.claims ?? {},
    publicClaims: f.claims ?? {},
    context: extras.context ?? {},
    occurrences: group.occurrences,
    targets: group.targets,
    paths: group.paths,
    pathList: group.pathList,
    unrelatedPaths: group.unrelatedPaths,
    environments: group.environments,
    policyContext: "default",
    policyMaxSeconds: Infinity,
    exceedsPolicy: false,
  };
}

/** Whether the evidence puts a lifetime above a maximum (no expiry at all is always above). */
export function exceeds(facts: Facts, maxSeconds: number): boolean {
  if (facts.neverExpires) return true;
  if (facts.knownSeconds !== null && facts.knownSeconds > maxSeconds) return true;
  return facts.atLeastSeconds !== null && facts.atLeastSeconds > maxSeconds;
}
