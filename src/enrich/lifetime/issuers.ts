// Well-known JWT issuers, recognised from claims alone (FACTS.md section 2). Knowing the issuer lets
// the report say what kind of token it is, what lifetime is normal for it, and whether a missing
// `exp` is by design (legacy Kubernetes service-account tokens) or an application's mistake.

export interface IssuerInfo {
  /** Stable id recorded as `lifetime.issuer`. */
  id: string;
  /** What the token is, for people. */
  label: string;
  /** The lifetime such tokens normally have, for `nhi-scan jwt`. */
  typical: string;
  /** True for issuers whose tokens run CI jobs (their policy context is "ci"). */
  ci?: boolean;
  /** When `exp` is missing by design: the basis of the implied (unlimited) lifetime. */
  noExpiryBasis?: string;
  /** Appended to the basis when `exp` is present. */
  expiryNote?: string;
}

interface IssuerRule extends IssuerInfo {
  test(p: Record<string, unknown>, iss: string): boolean;
}

const str = (v: unknown) => (typeof v === "string" ? v : "");

// Order matters: the first rule that matches names the issuer.
const ISSUERS: IssuerRule[] = [
  {
    id: "github-actions-oidc",
    label: "GitHub Actions OIDC token",
    typical: "5 min",
    ci: true,
    test: (p, iss) =>
      iss === "https://token.actions.githubusercontent.com" ||
      iss.startsWith("https://token.actions.githubusercontent.com/") ||
      (/^https:\/\/[^/]{1,253}\/_services\/token(\/|$)/.test(iss) && typeof p.run_id === "string"),
  },
  {
    id: "gitlab-ci",
    label: "GitLab CI ID token",
    typical: "the job's timeout, else 5 min",
    ci: true,
    test: (p) =>
      str(p.sub).startsWith("project_path:") ||
      (typeof p.project_path === "string" && (p.job_id !== undefined || p.pipeline_id !== undefined)),
  },
  {
    id: "circleci-oidc",
    label: "CircleCI OIDC token",
    typical: "1 h",
    ci: true,
    test: (_p, iss) => iss.startsWith("https://oidc.circleci.com/org/"),
  },
  {
    id: "kubernetes-legacy",
    label: "legacy Kubernetes service-account token (Secret-based)",
    typical: "never expires",
    test: (p, iss) => iss === "kubernetes/serviceaccount" || typeof p["kubernetes.io/serviceaccount/namespace"] === "string",
    noExpiryBasis: "legacy Kubernetes service-account token: no exp, valid until its Secret is deleted",
  },
  {
    id: "kubernetes",
    label: "Kubernetes projected service-account token",
    typical: "1 h by default (min 10 min); 3607 s tokens are extended to 1 year",
    test: (p) => typeof p["kubernetes.io"] === "object" && p["kubernetes.io"] !== null,
  },
  {
    id: "entra-id-v1",
    label: "Microsoft Entra ID token (v1)",
    typical: "60-90 min",
    test: (_p, iss) => /^https:\/\/sts\.windows\.net\/[0-9a-fA-F-]{36}\/?$/.test(iss),
  },
  {
    id: "entra-id-v2",
    label: "Microsoft Entra ID token (v2)",
    typical: "60-90 min",
    test: (_p, iss) => /^https:\/\/login\.microsoftonline\.com\/[0-9a-fA-F-]{36}\/v2\.0\/?$/.test(iss),
  },
  {
    id: "auth0",
    label: "Auth0 token",
    typical: "24 h by default (access tokens), at most 30 d",
    test: (_p, iss) => /^https:\/\/[a-z0-9-]{1,63}(\.[a-z0-9-]{1,20})?\.auth0\.com\/$/i.test(iss),
  },
  {
    id: "okta",
    label: "Okta token",
    typical: "1 h (org server); 5 min-24 h (custom server)",
    test: (_p, iss) => /^https:\/\/[a-z0-9-]{1,63}\.(okta|oktapreview|okta-emea)\.com(\/oauth2\/[A-Za-z0-9]{1,40})?\/?$/i.test(iss),
  },
  {
    id: "supabase-legacy",
    label: "Supabase legacy API key (anon / service_role JWT)",
    typical: "about 10 years",
    test: (_p, iss) => iss === "supabase",
    noExpiryBasis: "Supabase legacy API key: valid until the project's JWT secret is rotated",
    expiryNote: "Supabase legacy API key, replaced by sb_publishable_/sb_secret_ keys",
  },
  {
    id: "supabase",
    label: "Supabase Auth user token",
    typical: "1 h",
    test: (_p, iss) => /^https:\/\/[a-z0-9]{1,40}\.supabase\.co\/auth\/v1$/.test(iss),
  },
  {
    id: "firebase",
    label: "Firebase ID token",
    typical: "1 h",
    test: (_p, iss) => /^https:\/\/securetoken\.google\.com\/[a-z0-9-]{1,63}$/.test(iss),
  },
  {
    id: "google",
    label: "Google ID token",
    typical: "1 h",
    test: (_p, iss) => iss === "https://accounts.google.com" || iss === "accounts.google.com",
  },
];

/** The well-known issuer of a JWT payload, or null. */
export function recogniseIssuer(payload: Record<string, unknown>): IssuerInfo | null {
  const iss = str(payload.iss);
  for (const r of ISSUERS) {
    if (r.test(payload, iss)) {
      const { test: _t, ...info } = r;
      return info;
    }
  }
  return null;
}

/** Info about an issuer id recorded earlier. */
export function issuerById(id: string): IssuerInfo | null {
  const r = ISSUERS.find((i) => i.id === id);
  if (!r) return null;
  const { test: _t, ...info } = r;
  return info;
}
