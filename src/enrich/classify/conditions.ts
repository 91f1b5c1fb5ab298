// Compiles a rule's `when` into a predicate over Facts. Every key given must hold; lists are "any of";
// names (families, artifacts, rule ids, issuers) and paths are globs. Bad regexes and globs fail at
// load time with the rule's id, never at scan time.
import picomatch from "picomatch";
import { globMatcher } from "../../util/glob.js";
import { parseDuration } from "../../util/units.js";
import type { Facts } from "./facts.js";
import type { ClaimCondDoc, ContextCondDoc, LifetimeCondDoc, RangeDoc, StrList, TagsCondDoc, WhenDoc } from "./schema.js";

export type Predicate = (f: Facts) => boolean;

/** A `when` that cannot be compiled (bad regex); the message names the key. */
export class ConditionError extends Error {}

const list = (v: StrList): string[] => (Array.isArray(v) ? v : [v]);

function nameMatcher(v: StrList): (s: string | null) => boolean {
  const m = picomatch(list(v), { dot: true, nocase: true });
  return (s) => s !== null && m(s);
}

function pathMatcher(v: StrList): (s: string) => boolean {
  // As in config globs: a pattern without "/" matches the file name anywhere.
  return globMatcher(list(v));
}

function inRange(n: number, r: RangeDoc): boolean {
  return (r.min === undefined || n >= r.min) && (r.max === undefined || n <= r.max);
}

function tagsPredicate(c: TagsCondDoc): Predicate {
  const o = typeof c === "string" || Array.isArray(c) ? { any: list(c) } : c;
  return (f) =>
    (!o.any || o.any.some((t) => f.tags.includes(t))) &&
    (!o.all || o.all.every((t) => f.tags.includes(t))) &&
    (!o.none || !o.none.some((t) => f.tags.includes(t)));
}

function lifetimePredicate(c: LifetimeCondDoc): Predicate {
  const min = c.min !== undefined ? parseDuration(c.min)! : undefined;
  const max = c.max !== undefined ? parseDuration(c.max)! : undefined;
  const residualMin = c.residualMin !== undefined ? parseDuration(c.residualMin)! : undefined;
  const kinds = c.kind !== undefined ? list(c.kind) : undefined;
  return (f) => {
    const lt = f.lifetime;
    if (c.present !== undefined && c.present !== (lt !== null)) return false;
    if (kinds && (!lt || !kinds.includes(lt.kind))) return false;
    if (c.neverExpires !== undefined && c.neverExpires !== f.neverExpires) return false;
    if (c.expired !== undefined && c.expired !== (lt?.expired ?? false)) return false;
    if (c.exceedsPolicy !== undefined && c.exceedsPolicy !== f.exceedsPolicy) return false;
    if (c.outlivesTask !== undefined && c.outlivesTask !== (lt?.outlivesTask === true)) return false;
    const known = f.neverExpires ? Infinity : (f.knownSeconds ?? f.atLeastSeconds);
    if (min !== undefined && (known === null || known < min)) return false;
    if (max !== undefined && (known === null || known > max)) return false;
    if (residualMin !== undefined) {
      const residual = lt?.outlivesTask ? (lt.residualSeconds ?? Infinity) : null;
      if (residual === null || residual < residualMin) return false;
    }
    return true;
  };
}

function contextPredicate(key: string, c: ContextCondDoc): Predicate {
  if (typeof c !== "object") return (f) => f.context[key] === c;
  return (f) => {
    const v = f.context[key];
    if (c.present !== undefined && c.present !== (v !== undefined)) return false;
    if (c.in && (v === undefined || !c.in.includes(v))) return false;
    if (c.not !== undefined && v === c.not) return false;
    return true;
  };
}

/** Claim values as strings: arrays by element, space-separated scopes by word. */
function claimValues(v: unknown): string[] {
  if (Array.isArray(v)) return v.flatMap(claimValues);
  if (typeof v === "string") return v.split(/\s+/).filter(Boolean).concat(v.includes(" ") ? [v] : []);
  if (typeof v === "number" || typeof v === "boolean") return [String(v)];
  return [];
}

function claimPredicate(name: string, c: ClaimCondDoc, at: string): Predicate {
  let re: RegExp | undefined;
  if (c.matches !== undefined) {
    try {
      re = new RegExp(c.matches);
    } catch (e) {
      throw new ConditionError(`${at}.claims.${name}.matches: invalid regex: ${(e as Error).message}`);
    }
  }
  const equals = c.equals !== undefined ? list(c.equals) : undefined;
  return (f) => {
    const v = f.claims[name];
    const present = v !== undefined && v !== null && v !== "";
    if (c.present !== undefined && c.present !== present) return false;
    if (!equals && !re) return true;
    if (!present) return false;
    const vals = claimValues(v).map((s) => s.slice(0, 1024));
    if (equals && !vals.some((s) => equals.includes(s))) return false;
    if (re && !vals.some((s) => re.test(s))) return false;
    return true;
  };
}

/** Compile a `when` document; `at` names it in error messages. */
export function compileWhen(w: WhenDoc, at: string): Predicate {
  const ps: Predicate[] = [];
  // Name conditions: the `when` key and the fact it tests.
  const names: [StrList | undefined, (f: Facts) => string | null][] = [
    [w.rule, (f) => f.ruleId],
    [w.family, (f) => f.family],
    [w.artifact, (f) => f.artifact],
    [w.issuer, (f) => f.issuer],
    [w.alg, (f) => f.alg],
    [w.policyContext, (f) => f.policyContext],
  ];
  for (const [cond, fact] of names) {
    if (cond === undefined) continue;
    const m = nameMatcher(cond);
    ps.push((f) => m(fact(f)));
  }
  if (w.path !== undefined) {
    const m = pathMatcher(w.path);
    ps.push((f) => m(f.path));
  }
  if (w.source !== undefined) {
    const kinds = list(w.source);
    ps.push((f) => kinds.includes(f.source));
  }
  if (w.tags !== undefined) ps.push(tagsPredicate(w.tags));
  if (w.deletedFromHead !== undefined) ps.push((f) => f.deletedFromHead === w.deletedFromHead);
  if (w.unrelatedPaths !== undefined) ps.push((f) => f.unrelatedPaths === w.unrelatedPaths);
  if (w.lifetime !== undefined) ps.push(lifetimePredicate(w.lifetime));
  if (w.occurrences !== undefined) ps.push((f) => inRange(f.occurrences, w.occurrences!));
  if (w.targets !== undefined) ps.push((f) => inRange(f.targets, w.targets!));
  if (w.paths !== undefined) ps.push((f) => inRange(f.paths, w.paths!));
  if (w.environments !== undefined) ps.push((f) => inRange(f.environments.length, w.environments!));
  for (const [k, c] of Object.entries(w.context ?? {})) ps.push(contextPredicate(k, c));
  for (const [k, c] of Object.entries(w.claims ?? {})) ps.push(claimPredicate(k, c, at));
  if (w.any) {
    const subs = w.any.map((s, i) => compileWhen(s, `${at}.any[${i}]`));
    ps.push((f) => subs.some((p) => p(f)));
  }
  if (w.all) {
    const subs = w.all.map((s, i) => compileWhen(s, `${at}.all[${i}]`));
    ps.push((f) => subs.every((p) => p(f)));
  }
  if (w.not) {
    const sub = compileWhen(w.not, `${at}.not`);
    ps.push((f) => !sub(f));
  }
  return (f) => ps.every((p) => p(f));
}
