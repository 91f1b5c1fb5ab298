// `nhi-scan rules list|test`: inspect the rule pack and run its examples.
import { Command, Option } from "commander";
import { loadRules, RuleLoadError } from "../engine/rule-loader.js";
import { RuleCompileError } from "../engine/compile.js";
import type { RuleDef } from "../engine/rule-schema.js";
import { testRules } from "../engine/rule-examples.js";
import { writeStdout } from "./emit.js";
import { EXIT_CLEAN, EXIT_FINDINGS, UsageError } from "./errors.js";

interface RulesFlags {
  rulesDir?: string[];
  format?: string;
}

function load(flags: RulesFlags): RuleDef[] {
  try {
    return loadRules({ dirs: flags.rulesDir ?? [] });
  } catch (e) {
    if (e instanceof RuleLoadError || e instanceof RuleCompileError) throw new UsageError(e.message);
    throw e;
  }
}

/** Build the `rules` command group. */
export function rulesCommand(setExit: (code: number) => void): Command {
  const rules = new Command("rules").description("list the detection rules or run their examples");
  rules
    .command("list")
    .description("list detection rules")
    .option("--rules-dir <dir...>", "extra rule directories")
    .addOption(new Option("-f, --format <format>", "text or json").choices(["text", "json"]).default("text"))
    .action(async (flags: RulesFlags) => {
      const defs = load(flags);
      if (flags.format === "json") {
        await writeStdout(`${JSON.stringify(defs, null, 2)}\n`);
      } else {
        const lines = defs.map((d) => `${d.id.padEnd(44)} ${d.family.padEnd(16)} ${d.severity.padEnd(9)} ${d.confidence.padEnd(7)} ${d.name}`);
        await writeStdout(`${lines.join("\n")}\n${defs.length} rules\n`);
      }
      setExit(EXIT_CLEAN);
    });
  rules
    .command("test")
    .description("run every rule's examples and negative examples; exit 1 on any failure")
    .option("--rules-dir <dir...>", "extra rule directories")
    .action(async (flags: RulesFlags) => {
      const defs = load(flags);
      const failures = testRules(defs);
      const examples = defs.reduce((n, d) => n + d.examples.length + d.negativeExamples.length, 0);
      for (const f of failures) process.stderr.write(`FAIL ${f.ruleId}: ${f.message}\n`);
      await writeStdout(`${defs.length} rules, ${examples} examples, ${failures.length} failure${failures.length === 1 ? "" : "s"}\n`);
      setExit(failures.length ? EXIT_FINDINGS : EXIT_CLEAN);
    });
  for (const c of rules.commands) c.exitOverride();
  return rules.exitOverride();
}
