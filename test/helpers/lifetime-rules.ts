// Test-only detection rules for JWTs, presigned URLs and SAS tokens, written to a temp directory and
// passed with --rules-dir, so lifetime tests do not depend on the shipped rule pack's exact rules.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { azureSas, hs256Jwt, s3PresignedV4 } from "./lifetime-tokens.js";

/** Write the rule file into `dir` and return `dir`. */
export function writeLifetimeRules(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
  writeFileSync(
    join(dir, "lifetime-test.yaml"),
    `family: lifetime-test
rules:
  - id: test-lt-jwt
    name: Test JWT
    description: A JSON Web Token (test rule).
    keywords: [eyJ]
    pattern: ${q("(?<![A-Za-z0-9_-])(eyJ[A-Za-z0-9_-]{10,2000}\\.eyJ[A-Za-z0-9_-]{10,8000}\\.[A-Za-z0-9_-]{0,1000})")}
    severity: medium
    confidence: high
    validator: jwt
    examples:
      - ${q(`token = ${hs256Jwt({ sub: "x" })}`)}
  - id: test-lt-signed-url
    name: Test signed URL
    description: A presigned object-storage URL (test rule).
    keywords: [X-Amz-Signature, X-Goog-Signature]
    pattern: ${q("(https://[A-Za-z0-9.-]{1,200}/[^\\s\"'<>]{1,3000})")}
    severity: medium
    confidence: high
    tags: [url-credential]
    examples:
      - ${q(s3PresignedV4("2026-11-21T09:00:00Z", 60))}
  - id: test-lt-sas
    name: Test SAS
    description: An Azure SAS token (test rule).
    keywords: [sig=]
    pattern: ${q("(sv=\\d{4}-\\d{2}-\\d{2}&[^\\s\"'<>]{1,2000})")}
    severity: medium
    confidence: high
    tags: [url-credential]
    examples:
      - ${q(`?${azureSas("2026-12-01T00:00:00Z")}`)}
`,
  );
  return dir;
}
