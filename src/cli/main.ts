// The nhi-scan command line: parses flags, dispatches to a command, maps every failure to exit 2.
import { Command, CommanderError } from "commander";
import { VERSION } from "../version.js";
import { scanCommand } from "./scan-command.js";
import { rulesCommand } from "./rules-command.js";
import { reportCommand } from "./report-command.js";
import { jwtCommand } from "./jwt-command.js";
import { gitCommand } from "./git-command.js";
import { baselineCommand } from "./baseline-command.js";
import { agentsCommand } from "./agents-command.js";
import { EXIT_ERROR, UsageError } from "./errors.js";

/** Build the program; commands report their exit code through `setExit`. */
export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command("nhi-scan")
    .description("Find credentials of non-human identities, decode their lifetimes, classify them against the OWASP NHI Top 10.")
    .version(VERSION, "-V, --version")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();
  program.addCommand(scanCommand(setExit));
  program.addCommand(gitCommand(setExit));
  program.addCommand(agentsCommand(setExit));
  program.addCommand(reportCommand(setExit));
  program.addCommand(jwtCommand(setExit));
  program.addCommand(baselineCommand(setExit));
  program.addCommand(rulesCommand(setExit));
  for (const c of program.commands) c.exitOverride();
  return program;
}

/** Run the CLI and resolve to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const program = buildProgram((c) => (code = c));
  try {
    await program.parseAsync(argv);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end with exit code 0 through the same path.
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help") return 0;
      return EXIT_ERROR;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`nhi-scan: error: ${e.message}\n`);
      return EXIT_ERROR;
    }
    process.stderr.write(`nhi-scan: fatal: ${(e as Error).stack ?? e}\n`);
    return EXIT_ERROR;
  }
}
