// Builds fake but well-formed developer-platform credentials at test time (GitLab routable tokens,
// Atlassian and Grafana checksummed tokens), so no checked-in file holds one.
import { randomBytes, randomInt } from "node:crypto";
import { atlassianCrc32 } from "../../src/engine/validators/atlassian-checksum.js";
import { gitlabRoutableCrc } from "../../src/engine/validators/gitlab-routable.js";
import { grafanaChecksum } from "../../src/engine/validators/grafana-token.js";
import { randomString } from "./tokens.js";

const B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** A GitLab routable token: <prefix><base64url(random + routing payload + length)>.01.<len><crc>. */
export function gitlabRoutableToken(prefix = "glpat-", routing: Record<string, string> = { o: "1", u: "2f" }): string {
  const payload = Object.entries(routing)
    .map(([k, v]) => `${k}:${v}`)
    .join("\n");
  const enc = Buffer.concat([randomBytes(16), Buffer.from(payload), Buffer.from([payload.length])]).toString("base64url");
  const signed = `${prefix}${enc}.01.${enc.length.toString(36).padStart(2, "0")}`;
  return signed + gitlabRoutableCrc(signed);
}

/** An Atlassian Cloud API token: ATATT3xFfGF0 + body + "=" + CRC-32 hex. */
export function atlassianApiToken(): string {
  const body = `ATATT3xFfGF0${randomString(171, B64URL)}=`;
  return body + atlassianCrc32(body);
}

/** A Bitbucket Cloud app password: ATBB + 24 alphanumerics + CRC-32 hex. */
export function bitbucketAppPassword(): string {
  const body = `ATBB${randomString(24)}`;
  return body + atlassianCrc32(body);
}

/** A Data Center personal access token: base64 of "<12 digits>:<20 random bytes>". */
export function atlassianDcPat(): string {
  const id = String(100_000_000_000 + randomInt(800_000_000_000));
  return Buffer.concat([Buffer.from(`${id}:`), randomBytes(20)]).toString("base64");
}

/** A Grafana service account token with its little-endian CRC-32 suffix. */
export function grafanaServiceAccountToken(): string {
  const key = `glsa_${randomString(32)}`;
  return `${key}_${grafanaChecksum(key)}`;
}

/** A legacy Grafana API key: base64 of {"k","n","id"}. */
export function grafanaApiKey(): string {
  return Buffer.from(JSON.stringify({ k: randomString(32), n: "deploy", id: 1 })).toString("base64");
}

/** Change one character of a token's body (not its prefix) so its checksum no longer matches. */
export function tamper(token: string, at = token.length - 12): string {
  const c = token[at];
  return token.slice(0, at) + (c === "A" ? "B" : "A") + token.slice(at + 1);
}
