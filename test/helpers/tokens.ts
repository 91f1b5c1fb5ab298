// Generates fake but well-formed credentials at test time, so no checked-in file holds one.
import { randomInt } from "node:crypto";
import { base62Crc32 } from "../../src/engine/validators/base62-checksum.js";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Random string over an alphabet. */
export function randomString(n: number, alphabet = BASE62): string {
  let s = "";
  for (let i = 0; i < n; i++) s += alphabet[randomInt(alphabet.length)];
  return s;
}

/** A GitHub-style token with a valid CRC-32 checksum: prefix_ + 30 random + 6 checksum. */
export function githubToken(prefix = "ghp"): string {
  const r = randomString(30);
  return `${prefix}_${r}${base62Crc32(r)}`;
}

/** Same shape with a wrong checksum. */
export function badChecksumToken(prefix = "ghp"): string {
  const t = githubToken(prefix);
  const last = t.at(-1) === "A" ? "B" : "A";
  return t.slice(0, -1) + last;
}
