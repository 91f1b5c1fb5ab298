// JSON files agent tools keep on disk: Codex `auth.json`, Claude Code credentials and settings,
// Continue's config, Cline task folders and AutoGen `save_state()` dumps.
import { extractJsonDocument } from "./json-doc.js";
import { mcpPolicy } from "./mcp.js";
import type { Extractor } from "./types.js";

/** Codex CLI `auth.json`: OPENAI_API_KEY, tokens{id_token, access_token, refresh_token}, last_refresh. */
export const codexAuthExtractor: Extractor = {
  name: "codex-auth",
  claims(path, head) {
    if (!/(?:^|\/)auth\.json$/.test(path)) return false;
    if (path.endsWith(".codex/auth.json")) return true;
    const h = head.toString("latin1");
    return h.includes('"OPENAI_API_KEY"') || (h.includes('"tokens"') && h.includes('"id_token"'));
  },
  extract: (blob) => extractJsonDocument(blob, { artifact: "codex-auth" }),
};

/** Claude Code OAuth store on Linux: ~/.claude/.credentials.json (claudeAiOauth.accessToken, refreshToken). */
export const claudeCredentialsExtractor: Extractor = {
  name: "claude-code-credentials",
  claims: (path) => /(?:^|\/)\.claude\/\.credentials\.json$/.test(path),
  extract: (blob) => extractJsonDocument(blob, { artifact: "claude-code-credentials" }),
};

/** Claude Code settings: `env` blocks often carry API keys for the tools the agent runs. */
export const claudeSettingsExtractor: Extractor = {
  name: "claude-code-settings",
  claims: (path) => /(?:^|\/)\.claude\/settings(?:\.local)?\.json$/.test(path),
  extract: (blob) => extractJsonDocument(blob, { artifact: "claude-code-settings", policy: mcpPolicy }),
};

/** Continue: ~/.continue/config.json with models[].apiKey (config.yaml goes through the YAML extractor). */
export const continueConfigExtractor: Extractor = {
  name: "continue-config",
  claims: (path) => /(?:^|\/)\.continue\/config\.json$/.test(path),
  extract: (blob) => extractJsonDocument(blob, { artifact: "continue-config", policy: mcpPolicy }),
};

/** Cline task folders: tasks/<id>/{api_conversation_history,ui_messages,task_metadata}.json; `ts` in ms. */
export const clineTaskExtractor: Extractor = {
  name: "cline-task",
  claims: (path) => /(?:^|\/)tasks\/[^/]+\/(?:api_conversation_history|ui_messages|task_metadata)\.json$/.test(path),
  extract: (blob) => extractJsonDocument(blob, { artifact: "cline-task", timeKeys: ["ts"] }),
};

/** AutoGen AgentChat `save_state()`: {"type": "TeamState", "agent_states": {…llm_context.messages…}}. */
export const autogenStateExtractor: Extractor = {
  name: "autogen-state",
  claims(path, head) {
    if (!path.toLowerCase().endsWith(".json")) return false;
    const h = head.toString("latin1");
    return h.includes('"agent_states"') || (h.includes('"llm_context"') && h.includes('"type"')) || /"type"\s*:\s*"(?:TeamState|AssistantAgentState|ChatAgentContainerState)"/.test(h);
  },
  extract: (blob) => extractJsonDocument(blob, { artifact: "autogen-state" }),
};
