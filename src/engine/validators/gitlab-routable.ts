// GitLab routable tokens (GitLab 17.x+): <prefix><base64url payload>.<2-char version>.<2-char base36
// payload length><7-char base36 CRC-32 of everything before it>
// (gitlabhq lib/authn/token_field/generator/routable_token.rb). Older tokens are <prefix><random> with
// no checksum at all.
import { crc32 } from "./crc32.js";
import { isJwt } from "./jwt-shape.js";

const ROUTABLE = /^(.+)\.([0-9a-z]{2})\.([0-9a-z]{2})([0-9a-z]{7})$/;

/** True when `token` has the routable shape (version, length and CRC fields after the payload). */
export function isGitlabRoutable(token: string): boolean {
  return ROUTABLE.test(token);
}

/** The 7-character base36 CRC-32 GitLab appends to "<prefix><payload>.<version>.<length>". */
export function gitlabRoutableCrc(signed: string): string {
  return crc32(signed).toString(36).padStart(7, "0");
}

/**
 * Check a GitLab token: a routable token must carry a payload length and CRC-32 that match; a JWT-form
 * CI job token (glcbt-eyJ...) must be a JWT; a legacy random token has nothing to verify and passes
 * (its rule leans on entropy instead).
 */
export function verifyGitlabToken(token: string): boolean {
  const m = ROUTABLE.exec(token);
  if (!m) {
    if (!token.includes(".")) return true;
    const jwtAt = token.indexOf("-eyJ");
    return jwtAt >= 0 && isJwt(token.slice(jwtAt + 1));
  }
  const [, head, version, lenField, crc] = m;
  const payloadLen = parseInt(lenField, 36);
  if (payloadLen < 1 || payloadLen > head.length) return false;
  if (!/^[A-Za-z0-9_-]+$/.test(head.slice(-payloadLen))) return false;
  return gitlabRoutableCrc(`${head}.${version}.${lenField}`) === crc;
}
