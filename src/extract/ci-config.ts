// CI pipeline definitions: GitHub Actions, GitLab CI, CircleCI, Azure Pipelines, Bitbucket,
// Buildkite, Travis and Jenkinsfiles. Literal values in env/variables/with are found by the normal
// rules; references to the platform's secret store (`${{ secrets.X }}`, `$(secret)`,
// `credentials('id')`, Travis `secure:` ciphertext) are blanked first, so they are never findings.
// Every segment carries { ciPlatform, ciConfig: true, oidc } for classification: a static cloud key
// in a job that cannot use OIDC federation is an insecure deployment configuration (NHI6).
import { safeErrorMessage } from "../util/safe-error.js";
import type { Blob } from "../model.js";
import type { JsonPath } from "./json-strings.js";
import { rawRangeSegment } from "./offset-map.js";
import type { Extraction, Extractor } from "./types.js";
import { parseYamlLeaves, yamlSegments } from "./yaml-segments.js";

export type CiPlatform = "github-actions" | "gitlab-ci" | "circleci" | "azure-pipelines" | "bitbucket-pipelines" | "buildkite" | "travis-ci" | "jenkins";

interface PlatformSpec {
  platform: CiPlatform;
  artifact: string;
  path: RegExp;
}

const PLATFORMS: PlatformSpec[] = [
  { platform: "github-actions", artifact: "github-actions-workflow", path: /(?:^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i },
  { platform: "gitlab-ci", artifact: "gitlab-ci-config", path: /(?:^|\/|\.)gitlab-ci\.ya?ml$/i },
  { platform: "circleci", artifact: "circleci-config", path: /(?:^|\/)\.circleci\/[^/]+\.ya?ml$/i },
  { platform: "azure-pipelines", artifact: "azure-pipelines-config", path: /(?:^|\/)(?:azure-pipelines[^/]*\.ya?ml|\.azure-pipelines\/.+\.ya?ml|\.azuredevops\/.+\.ya?ml)$/i },
  { platform: "bitbucket-pipelines", artifact: "bitbucket-pipelines-config", path: /(?:^|\/)bitbucket-pipelines\.ya?ml$/i },
  { platform: "buildkite", artifact: "buildkite-pipeline", path: /(?:^|\/)(?:\.buildkite\/[^/]+\.ya?ml|\.?buildkite\.ya?ml)$/i },
  { platform: "travis-ci", artifact: "travis-config", path: /(?:^|\/)\.travis\.ya?ml$/i },
  { platform: "jenkins", artifact: "jenkinsfile", path: /(?:^|\/)(?:Jenkinsfile(?:\.[^/]+)?|[^/]+\.jenkinsfile)$/ },
];

/** The CI platform a path belongs to, if it is a pipeline definition. */
export function ciPlatformOf(path: string): PlatformSpec | undefined {
  return PLATFORMS.find((p) => p.path.test(path));
}

// References to a secret store or to variables: the value lives elsewhere, so it is not a leak here.
const REFERENCES: RegExp[] = [
  /\$\{\{[^}\n]{0,300}\}\}/g, // GitHub Actions expressions, ${{ secrets.X }}
  /\$\([A-Za-z_][A-Za-z0-9_.]{0,100}\)/g, // Azure Pipelines macros, $(secret)
  /\bcredentials\(\s*(?:'[^'\n]{0,200}'|"[^"\n]{0,200}")\s*\)/g, // Jenkins credentials('id')
  /(?<=^|[\s"'=:,([{])\$\{[A-Za-z_][A-Za-z0-9_.]{0,100}\}/gm, // ${VAR}, Groovy ${env.X}
  /(?<=^|[\s"'=:,([{])\$[A-Za-z_][A-Za-z0-9_]{0,100}(?![A-Za-z0-9_])/gm, // $VAR
];
// Travis `secure: "<base64 RSA ciphertext>"`: the value is encrypted for the CI provider.
const TRAVIS_SECURE = /(\bsecure:[ \t]*)("[^"\n]{0,4096}"|'[^'\n]{0,4096}'|[^\s#]{1,4096})/g;

/** A copy of the bytes with every reference replaced by spaces (offsets unchanged). */
export function blankCiReferences(bytes: Buffer): Buffer {
  const text = bytes.toString("latin1");
  let out: Buffer | null = null;
  const blank = (from: number, to: number) => {
    out ??= Buffer.from(bytes);
    out.fill(0x20, from, to);
  };
  for (const re of REFERENCES) for (const m of text.matchAll(re)) blank(m.index!, m.index! + m[0].length);
  for (const m of text.matchAll(TRAVIS_SECURE)) blank(m.index! + m[1].length, m.index! + m[0].length);
  return out ?? bytes;
}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

/** GitHub: `permissions: write-all` or `id-token: write` lets a job mint OIDC tokens. */
function grantsIdToken(perms: unknown): boolean {
  if (perms === "write-all") return true;
  return isObj(perms) && perms["id-token"] === "write";
}

/** Which parts of a pipeline can use OIDC federation: the whole file, or some jobs only (GitHub, GitLab). */
function oidcResolver(platform: CiPlatform, values: unknown[], text: string): (path: JsonPath) => boolean {
  const doc = values.find(isObj) ?? {};
  switch (platform) {
    case "github-actions": {
      const top = grantsIdToken(doc.permissions);
      const jobs = isObj(doc.jobs) ? doc.jobs : {};
      return (path) => {
        if (top) return true;
        if (path[0] !== "jobs" || typeof path[1] !== "string") return false;
        const job = jobs[path[1]];
        return isObj(job) && grantsIdToken(job.permissions);
      };
    }
    case "gitlab-ci": {
      const dflt = isObj(doc.default) && doc.default.id_tokens !== undefined;
      return (path) => {
        if (dflt) return true;
        const job = typeof path[0] === "string" ? doc[path[0]] : undefined;
        return isObj(job) && job.id_tokens !== undefined;
      };
    }
    case "circleci": {
      const any = /\bCIRCLE_OIDC_TOKEN(?:_V2)?\b|\brole[_-]arn\s*:/.test(text);
      return () => any;
    }
    case "bitbucket-pipelines": {
      const any = /^\s*oidc:\s*true\b/m.test(text);
      return () => any;
    }
    case "buildkite": {
      const any = /buildkite-agent\s+oidc\s+request-token/.test(text);
      return () => any;
    }
    case "azure-pipelines": {
      // Service connections (workload identity federation) keep credentials out of the YAML.
      const any = /\bazureSubscription\s*:|workloadIdentity/i.test(text);
      return () => any;
    }
    default:
      return () => false;
  }
}

/**
 * GitHub: which parts of a workflow hand their token `permissions: write-all` (a job's own
 * `permissions` replaces the workflow's). Classification reads it as overprivilege (NHI5).
 */
function writeAllResolver(platform: CiPlatform, values: unknown[]): (path: JsonPath) => boolean {
  if (platform !== "github-actions") return () => false;
  const doc = values.find(isObj) ?? {};
  const jobs = isObj(doc.jobs) ? doc.jobs : {};
  return (path) => {
    const job = path[0] === "jobs" && typeof path[1] === "string" ? jobs[path[1]] : undefined;
    const perms = isObj(job) && job.permissions !== undefined ? job.permissions : doc.permissions;
    return perms === "write-all";
  };
}

/** Extract a pipeline definition. */
export function extractCiConfig(blob: Blob, spec: PlatformSpec): Extraction {
  const view = blankCiReferences(blob.bytes);
  const text = blob.bytes.toString("latin1");
  const base = { ciPlatform: spec.platform, ciConfig: true } as const;
  const meta = { artifact: spec.artifact, layer: "raw", hasLines: true };
  if (spec.platform === "jenkins") {
    // Groovy: no structure to walk; the blanked text is scanned as a whole.
    return { segments: [rawRangeSegment(view, 0, view.length, { ...meta, context: { ...base, oidc: false } })], warnings: [], artifact: spec.artifact };
  }
  const bom = blob.bytes[0] === 0xef && blob.bytes[1] === 0xbb && blob.bytes[2] === 0xbf ? 3 : 0;
  let parsed;
  try {
    // The BOM is blanked so the parser sees plain text and offsets stay byte offsets.
    parsed = parseYamlLeaves(bom ? "   " + text.slice(3) : text);
  } catch (e) {
    parsed = { leaves: [], values: [], errors: [safeErrorMessage(e)] };
  }
  const oidc = oidcResolver(spec.platform, parsed.values, text);
  const writeAll = writeAllResolver(spec.platform, parsed.values);
  if (parsed.errors.length) {
    // Broken YAML is still scanned as text; the OIDC judgement uses what could be read.
    return {
      segments: [rawRangeSegment(view, 0, view.length, { ...meta, context: { ...base, oidc: oidc([]) } })],
      warnings: [`not valid YAML (${parsed.errors[0]}); scanned as plain text`],
      artifact: spec.artifact,
    };
  }
  const contexts = new Map<string, Record<string, string | number | boolean>>();
  const contextOf = (path: JsonPath) => {
    const o = oidc(path);
    const w = writeAll(path);
    const key = `${o}/${w}`;
    let c = contexts.get(key);
    if (!c) contexts.set(key, (c = { ...base, oidc: o, ...(w ? { permissions: "write-all" } : {}) }));
    return c;
  };
  const segments = yamlSegments(view, parsed.leaves, { ...meta, context: contextOf([]) }, contextOf);
  return { segments, warnings: [], artifact: spec.artifact };
}

export const ciConfigExtractor: Extractor = {
  name: "ci-config",
  claims: (path) => ciPlatformOf(path) !== undefined,
  extract: (blob) => extractCiConfig(blob, ciPlatformOf(blob.origin.path.replace(/\\/g, "/"))!),
};
