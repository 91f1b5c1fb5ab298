// `nhi-scan agents [PATH...]`: sweep the default locations of AI-agent tools for the current user
// (or --home DIR), plus agent files inside the given project directories, without .gitignore.
import { homedir } from "node:os";
import { Command } from "commander";
import type { AgentToolSummary, Report } from "../model.js";
import { scanFilesystem, type ScanSettings } from "../pipeline/run-scan.js";
import { discoverAgentTargets, type AgentTarget } from "../sources/agents.js";
import { addCommonOptions, pipelineSettings, resolveCommon, sizeFlag, type CommonFlags } from "./scan-options.js";
import { finishCommand } from "./finish.js";
import { requireExisting } from "./errors.js";

interface AgentsFlags extends CommonFlags {
  home?: string | false;
  maxFileSize?: string;
}

/** Agent transcripts and databases grow large; the cap is higher than for source trees. */
export const AGENTS_MAX_FILE_SIZE = 64 * 1024 * 1024;

/** Group the scanned locations by tool, with the findings each produced. */
export function summarizeTools(targets: AgentTarget[], report: Report): AgentToolSummary[] {
  const byTool = new Map<string, AgentToolSummary>();
  const toolOf = new Map(targets.map((t) => [t.path, t.tool]));
  for (const t of targets) {
    const s = byTool.get(t.tool) ?? { tool: t.tool, paths: [], findings: 0 };
    s.paths.push(t.path);
    byTool.set(t.tool, s);
  }
  for (const f of report.findings) {
    const tool = toolOf.get(f.location.target);
    if (tool) byTool.get(tool)!.findings++;
  }
  return [...byTool.values()];
}

/** Build the `agents` command; `setExit` receives the exit code. */
export function agentsCommand(setExit: (code: number) => void): Command {
  const cmd = new Command("agents")
    .description("scan AI-agent transcripts, state, MCP configs and notebooks in their default locations (never applies .gitignore)")
    .argument("[paths...]", "project directories to search too (.aider*, .mcp.json, .cursor/, .vscode/mcp.json, notebooks, agent databases)", [])
    .option("--home <dir>", "home directory whose agent locations are swept (default: the current user's)")
    .option("--no-home", "sweep no home directory; scan only the given paths")
    .option("--max-file-size <size>", "above this size, plain text is scanned in chunks and other files are skipped (default 64MB)");
  addCommonOptions(cmd);
  cmd.action(async (paths: string[], flags: AgentsFlags) => {
    requireExisting(paths);
    if (typeof flags.home === "string") requireExisting([flags.home], "--home ");
    const r = resolveCommon(flags, paths.length ? paths : ["."]);
    // An explicit --home is a self-contained tree: the caller's XDG/APPDATA/CODEX_HOME do not apply to it.
    const home = flags.home === false ? null : (flags.home ?? homedir());
    const env = typeof flags.home === "string" ? {} : process.env;
    const targets = await discoverAgentTargets({ home, paths, platform: process.platform, env, onProblem: (p) => r.warn(`${p.path}: ${p.message}`) });
    const settings: ScanSettings = {
      targets: targets.map((t) => t.path),
      ...pipelineSettings(r),
      gitignore: false,
      include: [],
      exclude: [],
      maxFileSize: sizeFlag(flags.maxFileSize, AGENTS_MAX_FILE_SIZE, "--max-file-size"),
    };
    const report = await scanFilesystem(settings);
    report.scan.source = "agents";
    report.scan.agents = summarizeTools(targets, report);
    if (!r.quiet) {
      const lines = report.scan.agents.map((a) => `  ${a.tool}: ${a.paths.length} location(s), ${a.findings} finding(s)`);
      process.stderr.write(lines.length ? `nhi-scan: agent tools found:\n${lines.join("\n")}\n` : "nhi-scan: no agent artifacts found\n");
    }
    setExit(await finishCommand(report, r));
  });
  return cmd;
}
