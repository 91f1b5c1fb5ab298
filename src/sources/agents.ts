// Where AI-agent tools keep transcripts, state and MCP configs for the current user (Linux, macOS and
// Windows layouts), and which agent files to pick out of project directories. These files are usually
// outside any repository or gitignored (Aider adds `.aider*` itself), so .gitignore is never applied.
import { lstat, readdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { walkTarget, type WalkProblem } from "./filesystem.js";

/** One place to scan and the tool it belongs to. */
export interface AgentTarget {
  tool: string;
  /** Absolute path of an existing file or directory. */
  path: string;
}

export interface AgentLocationOptions {
  home: string;
  platform: NodeJS.Platform;
  /** Environment overrides (XDG_CONFIG_HOME, APPDATA, CODEX_HOME, CREWAI_STORAGE_DIR); empty when --home is given. */
  env: Record<string, string | undefined>;
}

interface Candidate {
  tool: string;
  path: string;
  /** A directory whose subdirectories hold the files (CrewAI keeps one data dir per project). */
  children?: string[];
}

/** Per-user configuration and data directories of the platform. */
function platformDirs(o: AgentLocationOptions): { config: string; data: string; localData: string } {
  const h = o.home;
  if (o.platform === "win32") {
    const roaming = o.env.APPDATA ?? join(h, "AppData", "Roaming");
    return { config: roaming, data: roaming, localData: o.env.LOCALAPPDATA ?? join(h, "AppData", "Local") };
  }
  if (o.platform === "darwin") {
    const support = join(h, "Library", "Application Support");
    return { config: support, data: support, localData: support };
  }
  return { config: o.env.XDG_CONFIG_HOME ?? join(h, ".config"), data: o.env.XDG_DATA_HOME ?? join(h, ".local", "share"), localData: o.env.XDG_DATA_HOME ?? join(h, ".local", "share") };
}

// VS Code and its forks share the layout <config>/<Editor>/User/…; Cline lives in each one's globalStorage.
const EDITORS = ["Code", "Code - Insiders", "Cursor", "VSCodium", "Windsurf"];
const CREWAI_FILES = ["long_term_memory_storage.db", "latest_kickoff_task_outputs.db"];

/** The default agent locations under a home directory, whether or not they exist. */
export function agentHomeLocations(o: AgentLocationOptions): Candidate[] {
  const h = o.home;
  const dirs = platformDirs(o);
  const codex = o.env.CODEX_HOME ?? join(h, ".codex");
  const c: Candidate[] = [
    { tool: "Claude Code", path: join(h, ".claude", "projects") },
    { tool: "Claude Code", path: join(h, ".claude.json") },
    { tool: "Claude Code", path: join(h, ".claude", ".credentials.json") },
    { tool: "Claude Code", path: join(h, ".claude", "settings.json") },
    { tool: "Claude Code", path: join(h, ".claude", "settings.local.json") },
    { tool: "Codex CLI", path: join(codex, "sessions") },
    { tool: "Codex CLI", path: join(codex, "archived_sessions") },
    { tool: "Codex CLI", path: join(codex, "auth.json") },
    { tool: "Codex CLI", path: join(codex, "config.toml") },
    { tool: "Codex CLI", path: join(codex, "history.jsonl") },
    { tool: "Cursor", path: join(dirs.config, "Cursor", "User", "globalStorage", "state.vscdb") },
    { tool: "Cursor", path: join(dirs.config, "Cursor", "User", "workspaceStorage") },
    { tool: "Cursor", path: join(h, ".cursor", "mcp.json") },
    ...EDITORS.map((e) => ({ tool: "Cline", path: join(dirs.config, e, "User", "globalStorage", "saoudrizwan.claude-dev") })),
    { tool: "VS Code", path: join(dirs.config, "Code", "User", "mcp.json") },
    { tool: "Windsurf", path: join(h, ".codeium", "windsurf", "mcp_config.json") },
    { tool: "Continue", path: join(h, ".continue", "config.json") },
    { tool: "Continue", path: join(h, ".continue", "config.yaml") },
    { tool: "Continue", path: join(h, ".continue", ".env") },
    { tool: "Claude Desktop", path: join(dirs.config, "Claude", "claude_desktop_config.json") },
    { tool: "Aider", path: join(h, ".aider.conf.yml") },
  ];
  // CrewAI: appdirs.user_data_dir(<project>, "CrewAI"): one directory per project name.
  const crewRoot = o.platform === "win32" ? join(dirs.localData, "CrewAI") : dirs.data;
  if (o.env.CREWAI_STORAGE_DIR) c.push({ tool: "CrewAI", path: join(crewRoot, o.env.CREWAI_STORAGE_DIR), children: [""] });
  else c.push({ tool: "CrewAI", path: crewRoot, children: CREWAI_FILES });
  return c;
}

/** Project files agents leave behind (matched in the directories given on the command line). */
export const PROJECT_GLOBS = [
  ".aider.chat.history.md",
  ".aider.input.history",
  ".aider.llm.history",
  ".aider.conf.yml",
  ".mcp.json",
  "**/.cursor/**",
  "**/.vscode/mcp.json",
  "**/.claude/settings.json",
  "**/.claude/settings.local.json",
  "**/.continue/**",
  "*.ipynb",
  "*.sqlite",
  "*.sqlite3",
  "*.db",
  "team_state.json",
];
/** Directories never worth descending into for agent files. */
export const PROJECT_EXCLUDES = ["node_modules", ".venv", "venv", "__pycache__", ".tox", ".mypy_cache", ".pytest_cache", ".ipynb_checkpoints"];

/** The tool a project file belongs to, for the summary. */
export function toolOfProjectFile(rel: string): string {
  if (/(?:^|\/)\.aider/.test(rel)) return "Aider";
  if (/(?:^|\/)\.cursor\//.test(rel)) return "Cursor";
  if (/(?:^|\/)\.vscode\//.test(rel)) return "VS Code";
  if (/(?:^|\/)\.claude\//.test(rel) || /(?:^|\/)\.mcp\.json$/.test(rel)) return "Claude Code";
  if (/(?:^|\/)\.continue\//.test(rel)) return "Continue";
  if (/\.ipynb$/i.test(rel)) return "Jupyter";
  if (/team_state\.json$/.test(rel)) return "AutoGen";
  return "Agent databases";
}

async function kind(p: string): Promise<"file" | "dir" | null> {
  try {
    const st = await lstat(p);
    return st.isFile() ? "file" : st.isDirectory() ? "dir" : null;
  } catch {
    return null;
  }
}

/**
 * The existing agent locations: those under `home` (when given) and the agent files inside `paths`.
 * Unreadable project directories are reported through `onProblem`.
 */
export async function discoverAgentTargets(opts: { home: string | null; paths: string[]; platform: NodeJS.Platform; env: Record<string, string | undefined>; onProblem: (p: WalkProblem) => void }): Promise<AgentTarget[]> {
  const found: AgentTarget[] = [];
  if (opts.home) {
    for (const c of agentHomeLocations({ home: resolve(opts.home), platform: opts.platform, env: opts.env })) {
      if (c.children) {
        if ((await kind(c.path)) !== "dir") continue;
        const subdirs = c.children.includes("") ? [c.path] : (await readdir(c.path, { withFileTypes: true }).catch(() => [])).filter((d) => d.isDirectory()).map((d) => join(c.path, d.name));
        for (const d of subdirs) {
          const names = c.children.includes("") ? CREWAI_FILES : c.children;
          for (const n of names) if ((await kind(join(d, n))) === "file") found.push({ tool: c.tool, path: join(d, n) });
        }
      } else if (await kind(c.path)) found.push({ tool: c.tool, path: c.path });
    }
  }
  for (const p of opts.paths) {
    const abs = resolve(p);
    if ((await kind(abs)) === "file") {
      found.push({ tool: toolOfProjectFile(abs), path: abs });
      continue;
    }
    for await (const f of walkTarget(p, { gitignore: false, include: PROJECT_GLOBS, exclude: PROJECT_EXCLUDES }, opts.onProblem)) {
      found.push({ tool: toolOfProjectFile(f.path), path: f.absPath });
    }
  }
  return found;
}
