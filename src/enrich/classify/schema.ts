// Zod schemas for classification data (rules/classify/*.yaml): rules that map conditions on a
// finding to an OWASP NHI id, and the policy file with maximum lifetimes per context.
import { z } from "zod";
import { SEVERITIES, type SourceKind } from "../../model.js";
import { parseDuration } from "../../util/units.js";
import { NHI_IDS } from "./nhi-ids.js";

const kebab = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export type StrList = string | string[];
const strList = z.union([z.string(), z.array(z.string())]);

export type Duration = string | number;
const duration = z.union([z.string(), z.number()]).refine((v) => parseDuration(v) !== null, {
  message: 'expected a duration such as "15m", "1h", "30d" or a number of seconds',
});

export interface RangeDoc {
  min?: number;
  max?: number;
}
const range = z.object({ min: z.number().int().min(0).optional(), max: z.number().int().min(0).optional() }).strict();

type Scalar = string | number | boolean;
const scalar = z.union([z.string(), z.number(), z.boolean()]);

export type ContextCondDoc = Scalar | { in?: Scalar[]; not?: Scalar; present?: boolean };
const contextCond = z.union([
  scalar,
  z.object({ in: z.array(scalar).optional(), not: scalar.optional(), present: z.boolean().optional() }).strict(),
]);

export interface ClaimCondDoc {
  present?: boolean;
  equals?: StrList;
  matches?: string;
}
const claimCond = z
  .object({ present: z.boolean().optional(), equals: strList.optional(), matches: z.string().max(500).optional() })
  .strict();

export interface LifetimeCondDoc {
  present?: boolean;
  kind?: StrList;
  neverExpires?: boolean;
  expired?: boolean;
  exceedsPolicy?: boolean;
  outlivesTask?: boolean;
  min?: Duration;
  max?: Duration;
  residualMin?: Duration;
}
const lifetimeCond = z
  .object({
    present: z.boolean().optional(),
    kind: strList.optional(),
    neverExpires: z.boolean().optional(),
    expired: z.boolean().optional(),
    exceedsPolicy: z.boolean().optional(),
    outlivesTask: z.boolean().optional(),
    min: duration.optional(),
    max: duration.optional(),
    residualMin: duration.optional(),
  })
  .strict();

export type TagsCondDoc = StrList | { any?: string[]; all?: string[]; none?: string[] };
const tagsCond = z.union([
  strList,
  z.object({ any: z.array(z.string()).optional(), all: z.array(z.string()).optional(), none: z.array(z.string()).optional() }).strict(),
]);

const SOURCE_KINDS = ["file", "git", "stdin", "archive"] as const satisfies readonly SourceKind[];

/** Conditions on a finding; every key given must hold (AND); `any`, `all` and `not` combine. */
export interface WhenDoc {
  rule?: StrList;
  family?: StrList;
  artifact?: StrList;
  path?: StrList;
  source?: StrList;
  issuer?: StrList;
  alg?: StrList;
  policyContext?: StrList;
  tags?: TagsCondDoc;
  deletedFromHead?: boolean;
  unrelatedPaths?: boolean;
  lifetime?: LifetimeCondDoc;
  occurrences?: RangeDoc;
  targets?: RangeDoc;
  paths?: RangeDoc;
  environments?: RangeDoc;
  context?: Record<string, ContextCondDoc>;
  claims?: Record<string, ClaimCondDoc>;
  any?: WhenDoc[];
  all?: WhenDoc[];
  not?: WhenDoc;
}

export const WhenSchema: z.ZodType<WhenDoc> = z.lazy(() =>
  z
    .object({
      rule: strList.optional(),
      family: strList.optional(),
      artifact: strList.optional(),
      path: strList.optional(),
      source: z.union([z.enum(SOURCE_KINDS), z.array(z.enum(SOURCE_KINDS))]).optional(),
      issuer: strList.optional(),
      alg: strList.optional(),
      policyContext: strList.optional(),
      tags: tagsCond.optional(),
      deletedFromHead: z.boolean().optional(),
      unrelatedPaths: z.boolean().optional(),
      lifetime: lifetimeCond.optional(),
      occurrences: range.optional(),
      targets: range.optional(),
      paths: range.optional(),
      environments: range.optional(),
      context: z.record(z.string(), contextCond).optional(),
      claims: z.record(z.string(), claimCond).optional(),
      any: z.array(WhenSchema).min(1).optional(),
      all: z.array(WhenSchema).min(1).optional(),
      not: WhenSchema.optional(),
    })
    .strict(),
);

export const ClassifyRuleSchema = z
  .object({
    id: z.string().regex(kebab, "classification rule id must be kebab-case"),
    nhi: z.enum(NHI_IDS as [string, ...string[]]),
    title: z.string().min(1),
    when: WhenSchema,
    /** Severity adjustment: deltas add up; then atLeast raises and atMost caps (atMost wins). */
    severity: z
      .object({
        delta: z.number().int().min(-4).max(4).optional(),
        atLeast: z.enum(SEVERITIES).optional(),
        atMost: z.enum(SEVERITIES).optional(),
      })
      .strict()
      .optional(),
    /** One line for reports; {placeholders} are filled from the finding. */
    rationale: z.string().min(1).max(500),
  })
  .strict();
export type ClassifyRuleDoc = z.infer<typeof ClassifyRuleSchema>;

export const ClassifyFileSchema = z.object({ rules: z.array(ClassifyRuleSchema).min(1) }).strict();

export const PolicySchema = z
  .object({
    /** Maximum acceptable lifetime per policy context; `default` applies when no context matches. */
    maxLifetime: z.record(z.string().regex(kebab), duration).default({}),
    /** How a finding's policy context is chosen: the first whose `when` holds. */
    contexts: z.array(z.object({ name: z.string().regex(kebab), when: WhenSchema }).strict()).default([]),
    /** Environment names and the path words that mean them (for NHI8). */
    environments: z.record(z.string().regex(kebab), z.array(z.string().min(2))).default({}),
  })
  .strict();
export type PolicyDoc = z.infer<typeof PolicySchema>;
