// MCP client configurations (Claude Desktop, Claude Code, Cursor, VS Code, Cline, Windsurf): literal
// tokens in a server's `env`, `headers` / `http_headers` and `args` are leaks, and tools other than the
// owner's read them (NHI3 as well as NHI2). References (`${input:id}`, `${env:X}`, `$VAR`) are not.
import type { JsonPath } from "./json-strings.js";
import { defaultLabel, type LeafPolicy } from "./json-segments.js";
import { extractJsonDocument } from "./json-doc.js";
import type { Extractor } from "./types.js";

export const MCP_ARTIFACT = "mcp-config";

// ${input:id}, ${env:X}, ${VAR}, ${{ secrets.X }}, {env:X} and a bare $VAR: a value that names a secret.
const REFERENCE = /\$\{\{[^}\n]{1,200}\}\}|\$\{[^}\n]{1,200}\}|\{env:[^}\n]{1,200}\}|(?<![\w$])\$[A-Za-z_][A-Za-z0-9_]{0,100}/g;

/** Blank out references with spaces (same length, so offsets still point at the raw bytes). */
export function blankReferences(text: string): string {
  return text.includes("$") || text.includes("{env:") ? text.replace(REFERENCE, (s) => " ".repeat(s.length)) : text;
}

const ENV_KEYS = new Set(["env", "environment", "envVars"]);
const HEADER_KEYS = new Set(["headers", "http_headers", "httpHeaders"]);

/** Label env entries `NAME=`, headers `Name: `, an argument after a flag `--flag=`; blank references. */
export const mcpPolicy: LeafPolicy = {
  label(path: JsonPath, _text, leaf) {
    const key = path[path.length - 1];
    const parent = path[path.length - 2];
    if (typeof key === "string" && typeof parent === "string") {
      if (ENV_KEYS.has(parent)) return `${key}=`;
      if (HEADER_KEYS.has(parent)) return `${key}: `;
    }
    if (typeof key === "number" && parent === "args") return leaf.prevFlag ? `${leaf.prevFlag}=` : "";
    return defaultLabel(path);
  },
  mask: (_path, text) => blankReferences(text),
};

const MCP_FILE = /(?:^|\/)(?:claude_desktop_config\.json|\.mcp\.json|\.claude\.json|mcp_config\.json|cline_mcp_settings\.json|mcp_settings\.json)$|(?:^|\/)(?:\.cursor|\.vscode|\.roo|User)\/mcp\.json$/;

/** True for the file names MCP clients keep their server lists in. */
export function isMcpConfigPath(path: string): boolean {
  return MCP_FILE.test(path);
}

export const mcpConfigExtractor: Extractor = {
  name: MCP_ARTIFACT,
  claims: (path) => isMcpConfigPath(path),
  extract: (blob) => extractJsonDocument(blob, { artifact: MCP_ARTIFACT, policy: mcpPolicy }),
};
