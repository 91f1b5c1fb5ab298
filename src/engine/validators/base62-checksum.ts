// GitHub-style and npm-style tokens end in a base62 CRC-32 of their random part
// (https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/).
import { crc32 } from "./crc32.js";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Encode an unsigned integer in base62, left-padded with "0" to `width`. */
export function base62(n: number, width = 6): string {
  let out = "";
  while (n > 0) {
    out = BASE62[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out.padStart(width, "0");
}

/** The 6-character checksum for a token's random part. */
export function base62Crc32(random: string): string {
  return base62(crc32(random));
}

/**
 * True when `token` is `<prefix>_<random><6-char checksum>` with a matching CRC-32.
 * The prefix is everything up to the last underscore before the random part.
 */
export function verifyBase62Checksum(token: string): boolean {
  const us = token.indexOf("_");
  if (us < 0) return false;
  const body = token.slice(us + 1);
  if (body.length <= 6 || !/^[A-Za-z0-9]+$/.test(body)) return false;
  return base62Crc32(body.slice(0, -6)) === body.slice(-6);
}
