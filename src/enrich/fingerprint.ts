// Fingerprints identify a secret independently of where it was found: the same on every run,
// machine, path and commit, so baselines and merged reports can recognise it.
import { createHash } from "node:crypto";

/** sha256 hex of a string. */
export function sha256Hex(s: string): string {
  return createHash("sha256").update(s, "utf8").digest("hex");
}

/** sha256 hex of ruleId + "\0" + the decoded secret. */
export function fingerprintOf(ruleId: string, secret: string): string {
  return sha256Hex(`${ruleId}\0${secret}`);
}
