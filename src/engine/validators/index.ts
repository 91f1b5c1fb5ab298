// Validators a rule can name: structural checks on a candidate secret that cut false positives.
import type { ValidatorName } from "../rule-schema.js";
import { verifyBase62Checksum } from "./base62-checksum.js";
import { isJwt } from "./jwt-shape.js";
import { isAtlassianDcPat, verifyAtlassianCrc32 } from "./atlassian-checksum.js";
import { verifyGitlabToken } from "./gitlab-routable.js";
import { isGrafanaApiKey, verifyGrafanaServiceToken } from "./grafana-token.js";
import { isBase64PrivateKey } from "./base64-private-key.js";
import { isBase64BasicAuth } from "./base64-basic-auth.js";
import { verifyBech32 } from "./bech32.js";
import { isPemBody } from "./pem-body.js";

/** A PEM block whose body is base64 (headers such as Proc-Type/DEK-Info allowed; escaped newlines tolerated). */
function isPem(s: string): boolean {
  const m = /-----BEGIN ([A-Z0-9 ]{1,40})-----([\s\S]*?)-----END [A-Z0-9 ]{1,40}-----/.exec(s);
  if (!m) return false;
  const lines = m[2].replace(/\\r/g, "").replace(/\\n/g, "\n").split(/\r?\n/);
  const body = lines
    .filter((l) => !/^\s*[A-Za-z][A-Za-z-]*:/.test(l))
    .join("")
    .replace(/[\s"'`,+;]/g, "");
  return body.length >= 40 && /^[A-Za-z0-9+/=]+$/.test(body);
}

function isBase64(s: string): boolean {
  return /^[A-Za-z0-9+/_-]+={0,2}$/.test(s) && s.length % 4 !== 1;
}

function luhn(s: string): boolean {
  const digits = s.replace(/\D/g, "");
  if (digits.length < 12) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const VALIDATOR_FNS: Record<ValidatorName, (secret: string) => boolean> = {
  "github-crc32": verifyBase62Checksum,
  "npm-crc32": verifyBase62Checksum,
  jwt: isJwt,
  pem: isPem,
  base64: isBase64,
  hex: (s) => /^[0-9a-fA-F]+$/.test(s),
  luhn,
  "gitlab-routable": verifyGitlabToken,
  "atlassian-crc32": verifyAtlassianCrc32,
  "atlassian-dc-pat": isAtlassianDcPat,
  "grafana-sa-crc32": verifyGrafanaServiceToken,
  "grafana-api-key": isGrafanaApiKey,
  "base64-private-key": isBase64PrivateKey,
  "base64-basic-auth": isBase64BasicAuth,
  bech32: verifyBech32,
  "pem-body": isPemBody,
};

/** Run a named validator on a secret. */
export function validate(name: ValidatorName, secret: string): boolean {
  return VALIDATOR_FNS[name](secret);
}
