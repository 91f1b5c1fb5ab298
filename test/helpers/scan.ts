// Runs one blob through extract and detect in-process, with the built-in rules plus optional test rules.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RuleSet } from "../../src/engine/compile.js";
import { loadRules } from "../../src/engine/rule-loader.js";
import { prepareExtractors } from "../../src/extract/index.js";
import { scanBlob, type BlobResult } from "../../src/pipeline/scan-blob.js";

/**
 * Two deliberately broad test rules: any `…token|key|secret|password = value` assignment (with the
 * placeholder filter off, so only an extractor can keep a reference from being reported) and the
 * password of a URL. They stand in for the generic rule pack, which these tests do not depend on.
 */
export const TEST_RULES_YAML = `family: test
rules:
  - id: test-assignment
    name: Test assignment
    description: Any value assigned to a name that ends in token, key, secret or password.
    keywords: [token, key, secret, password]
    pattern: '(?i)\\b[A-Za-z0-9_-]{0,40}(?:token|key|secret|password)["'']?[ \\t]{0,4}[:=][ \\t]{0,4}["'']?([^\\s"'']{8,200})'
    severity: medium
    confidence: low
    placeholderCheck: false
    tags: [generic]
    examples: ["api_token = abcdefgh12345678"]
  - id: test-url-password
    name: Test URL password
    description: The password of a URL with credentials.
    keywords: ["://"]
    pattern: '\\b[a-z][a-z0-9+.-]{1,20}://[^:@/\\s]{1,64}:([^@/\\s]{3,128})@'
    severity: high
    confidence: medium
    placeholderCheck: false
    tags: [url-credential]
    examples: ["postgres://app:Secr3tPw@db.internal:5432/app"]
`;

/** A temporary rules directory holding TEST_RULES_YAML. */
export function testRulesDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "nhi-test-rules-"));
  writeFileSync(join(dir, "test.yaml"), TEST_RULES_YAML);
  return dir;
}

let cached: { key: string; rules: RuleSet } | null = null;

/** Scan bytes as the file at `path` would be scanned. */
export async function scanArtifact(path: string, bytes: Buffer | string, opts: { testRules?: boolean } = {}): Promise<BlobResult> {
  await prepareExtractors();
  const key = opts.testRules ? "test" : "builtin";
  if (cached?.key !== key) cached = { key, rules: new RuleSet(loadRules({ dirs: opts.testRules ? [testRulesDir()] : [] })) };
  const buf = typeof bytes === "string" ? Buffer.from(bytes) : bytes;
  return scanBlob({ origin: { kind: "file", target: ".", path }, bytes: buf }, cached.rules);
}
