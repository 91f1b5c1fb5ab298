// The claims a report may show: identifiers, audiences, scopes and roles, never secret material.
// Personal claims (email, upn, names) are reduced to `true` (the token carries one): enough to
// judge that a token is bound to a person, without copying personal data into reports.

/** Claims copied with their value (strings truncated, arrays capped). */
const VALUE_CLAIMS = [
  "iss", "sub", "aud", "azp", "client_id", "appid", "app_displayname", "scope", "scp", "roles", "role",
  "tid", "ver", "token_use", "idtyp", "typ", "jti", "ref", "ref_type", "repository", "repository_owner",
  "workflow", "job_workflow_ref", "environment", "runner_environment", "event_name", "actor",
  "project_path", "namespace_path", "pipeline_source", "user_login", "run_id", "job_id", "pipeline_id",
  "kubernetes.io/serviceaccount/namespace", "kubernetes.io/serviceaccount/service-account.name",
  "kubernetes.io/serviceaccount/secret.name",
];

/** Claims that identify a person: recorded as present, value withheld. */
export const PERSONAL_CLAIMS = [
  "email", "upn", "unique_name", "preferred_username", "name", "given_name", "family_name", "user_email", "phone_number",
];

const MAX_STRING = 256;
const MAX_ITEMS = 50;

function clip(v: unknown): unknown {
  if (typeof v === "string") return v.length > MAX_STRING ? `${v.slice(0, MAX_STRING - 1)}…` : v;
  if (typeof v === "number" || typeof v === "boolean" || v === null) return v;
  if (Array.isArray(v)) return v.slice(0, MAX_ITEMS).filter((x) => typeof x !== "object" || x === null).map(clip);
  return undefined;
}

/** The Kubernetes `kubernetes.io` claim, reduced to namespace and object names. */
function kubernetesClaim(v: unknown): Record<string, string> | undefined {
  if (!v || typeof v !== "object") return undefined;
  const o = v as Record<string, unknown>;
  const name = (x: unknown) => (x && typeof x === "object" && typeof (x as Record<string, unknown>).name === "string" ? ((x as Record<string, unknown>).name as string) : undefined);
  const out: Record<string, string> = {};
  if (typeof o.namespace === "string") out.namespace = clip(o.namespace) as string;
  for (const k of ["serviceaccount", "pod", "secret", "node"]) {
    const n = name(o[k]);
    if (n) out[k] = clip(n) as string;
  }
  return Object.keys(out).length ? out : undefined;
}

/** The non-secret claims of a JWT payload, for reports. */
export function publicClaims(payload: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of VALUE_CLAIMS) {
    if (!(k in payload)) continue;
    const v = clip(payload[k]);
    if (v !== undefined) out[k] = v;
  }
  const k8s = kubernetesClaim(payload["kubernetes.io"]);
  if (k8s) out["kubernetes.io"] = k8s;
  for (const k of PERSONAL_CLAIMS) if (payload[k] !== undefined && payload[k] !== null && payload[k] !== "") out[k] = true;
  return out;
}

/** Names of the claims `publicClaims` leaves out (time claims excepted: they are in `lifetime`). */
export function withheldClaims(payload: Record<string, unknown>): string[] {
  const shown = new Set([...VALUE_CLAIMS, ...PERSONAL_CLAIMS, "kubernetes.io", "exp", "iat", "nbf"]);
  return Object.keys(payload).filter((k) => !shown.has(k)).sort();
}
