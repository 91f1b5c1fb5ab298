// Zod schemas for the rule pack: rules are data (rules/*.yaml), validated when they are loaded.
import { z } from "zod";
import { CONFIDENCES, SEVERITIES } from "../model.js";

export const VALIDATORS = [
  "github-crc32",
  "npm-crc32",
  "jwt",
  "pem",
  "base64",
  "hex",
  "luhn",
  "gitlab-routable",
  "atlassian-crc32",
  "atlassian-dc-pat",
  "grafana-sa-crc32",
  "grafana-api-key",
  "base64-private-key",
  "base64-basic-auth",
  "bech32",
  "pem-body",
] as const;
export type ValidatorName = (typeof VALIDATORS)[number];

const kebab = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** An example the rule must match; a bare string, or an object that also pins the captured secret. */
const ExampleSchema = z.union([
  z.string(),
  z
    .object({
      text: z.string(),
      secret: z.string().optional(),
      identity: z.string().optional(),
      path: z.string().optional(),
    })
    .strict(),
]);
export type RuleExample = z.infer<typeof ExampleSchema>;

const NegativeExampleSchema = z.union([
  z.string(),
  z.object({ text: z.string(), path: z.string().optional() }).strict(),
]);

export const AllowSchema = z
  .object({
    /** A secret containing any of these (case-insensitive) is rejected. */
    stopwords: z.array(z.string()).default([]),
    /** A secret matching any of these regexes is rejected. */
    patterns: z.array(z.string()).default([]),
    /** Files whose path matches any of these globs are not checked by this rule. */
    paths: z.array(z.string()).default([]),
  })
  .strict();

/** What a credential's kind alone says about its lifetime (AKIA keys never expire, ASIA keys are STS). */
export const ImpliedLifetimeSchema = z
  .object({
    kind: z.enum(["implied", "sts"]).default("implied"),
    basis: z.string(),
    /** Seconds the credential stays valid by design; null = it never expires. */
    maxSeconds: z.number().positive().nullable(),
  })
  .strict();

export const RuleSchema = z
  .object({
    id: z.string().regex(kebab, "rule id must be kebab-case"),
    name: z.string().min(1),
    description: z.string().min(1),
    family: z.string().regex(kebab).optional(),
    /** Literal strings for the prefilter, matched case-insensitively; ASCII only. */
    keywords: z.array(z.string().min(2).regex(/^[\x20-\x7e]+$/, "keywords must be printable ASCII")).default([]),
    /** Required when a rule has no keyword: why it must run on every input. */
    noKeywordReason: z.string().optional(),
    /** A regex (JS syntax; a leading (?i) makes it case-insensitive) with one capture for the secret or named groups. */
    pattern: z.string().min(1),
    severity: z.enum(SEVERITIES),
    confidence: z.enum(CONFIDENCES),
    /** Minimum Shannon entropy (bits per character) of the secret. */
    entropy: z.number().min(0).max(8).optional(),
    /** A structural check on the secret (checksum, JWT shape, PEM body). */
    validator: z.enum(VALIDATORS).optional(),
    /**
     * What a failed validator means: "reject" drops the candidate; "downgrade" keeps it with low
     * confidence and one severity level less (a checksum proves a token real, its absence does not prove it fake).
     */
    onValidatorFailure: z.enum(["reject", "downgrade"]).default("reject"),
    /**
     * The shared placeholder filter: true (default) applies it all; false skips it (structurally verified
     * secrets); "templates" rejects templates, masks and documentation markers but accepts bare default
     * words such as "secret" or "admin", which are real weak passwords in an unambiguous slot (connection strings).
     */
    placeholderCheck: z.union([z.boolean(), z.literal("templates")]).default(true),
    /** Find the non-secret half of a pair (e.g. an AWS key id) near the secret. */
    identity: z
      .object({
        pattern: z.string(),
        /** How many characters before or after the secret to look. */
        within: z.number().int().positive().default(400),
      })
      .strict()
      .optional(),
    allow: AllowSchema.default({ stopwords: [], patterns: [], paths: [] }),
    tags: z.array(z.string()).default([]),
    references: z.array(z.string()).default([]),
    lifetime: ImpliedLifetimeSchema.optional(),
    /** How to rotate or replace it: shown in SARIF help and reports. */
    remediation: z.string().optional(),
    examples: z.array(ExampleSchema).min(1, "every rule needs at least one example"),
    negativeExamples: z.array(NegativeExampleSchema).default([]),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.keywords.length === 0 && !r.noKeywordReason) {
      ctx.addIssue({ code: "custom", message: "a rule without keywords must give noKeywordReason", path: ["keywords"] });
    }
  });

export type RuleDef = z.infer<typeof RuleSchema> & { family: string };

export const RuleFileSchema = z
  .object({
    family: z.string().regex(kebab, "family must be kebab-case"),
    /** Default remediation for the family's rules. */
    remediation: z.string().optional(),
    rules: z.array(RuleSchema).min(1),
  })
  .strict();
export type RuleFile = z.infer<typeof RuleFileSchema>;
