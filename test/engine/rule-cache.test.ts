// The built CLI loads the built-in pack from the build's pre-parsed cache; it must hold exactly what
// parsing the YAML gives, and a cache that does not match the files is ignored.
import { describe, expect, it } from "vitest";
import { BUILTIN_RULES_DIR, loadRules, ruleFilesIn } from "../../src/engine/rule-loader.js";
import { hashRuleFiles, readRuleCache } from "../../src/engine/rule-cache.js";
import { runCli } from "../helpers/cli.js";

describe("rule cache", () => {
  it("gives the CLI the same rules as the YAML files", () => {
    const r = runCli(["rules", "list", "--format", "json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(loadRules())));
  });

  it("hashes names and contents, and ignores a cache for other files", () => {
    const files = ruleFilesIn(BUILTIN_RULES_DIR);
    expect(hashRuleFiles(files)).toBe(hashRuleFiles(files));
    expect(hashRuleFiles(files.slice(1))).not.toBe(hashRuleFiles(files));
    expect(readRuleCache(files.slice(1))).toBeNull();
  });
});
