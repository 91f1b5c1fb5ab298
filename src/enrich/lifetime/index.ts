// Reads what a credential says about its own lifetime, in order of evidence: a JWT's claims, a signed
// URL's or SAS token's parameters, then what the kind implies (AWS key prefix, the rule's declaration).
import type { RuleDef } from "../../engine/rule-schema.js";
import { findJwt, jwtLifetime, type DecodedJwt } from "./jwt.js";
import { paramsFrom } from "./params.js";
import type { LifetimeReading } from "./reading.js";
import { sasLifetime } from "./sas.js";
import { signedUrlLifetime } from "./signed-url.js";
import { impliedLifetime } from "./implied.js";

export { computeLifetime, type LifetimeReading } from "./reading.js";
export { taskEndFor } from "./task-window.js";
export { publicClaims } from "./claims.js";
export type { DecodedJwt } from "./jwt.js";

export interface CredentialReading {
  reading: LifetimeReading | null;
  jwt: DecodedJwt | null;
}

/** Decode one credential: the secret, its paired identity and whatever else its rule captured. */
export function readCredential(secret: string, identity: string | undefined, groups: Record<string, string> | undefined, rule: RuleDef): CredentialReading {
  const extra = Object.values(groups ?? {});
  let jwt = findJwt(secret);
  for (const g of extra) if (!jwt) jwt = findJwt(g);
  if (jwt) return { reading: jwtLifetime(jwt), jwt };
  if (secret.includes("=") || extra.length) {
    const params = paramsFrom([secret, ...extra]);
    if (params.size) {
      const r = signedUrlLifetime(params) ?? sasLifetime(params);
      if (r) return { reading: r, jwt: null };
    }
  }
  return { reading: impliedLifetime(secret, identity, rule), jwt: null };
}
