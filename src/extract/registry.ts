// The structured extractors, in the order they are asked: the first whose `claims` accepts a blob
// extracts it; an unclaimed blob is plain text. Container formats recognised by their magic bytes
// come first, then specific file names and locations, then content sniffing, then generic formats.
import { aiderHistoryExtractor } from "./aider.js";
import { autogenStateExtractor, claudeCredentialsExtractor, claudeSettingsExtractor, clineTaskExtractor, codexAuthExtractor, continueConfigExtractor } from "./agent-json.js";
import { aiderConfigExtractor, continueYamlExtractor } from "./agent-yaml.js";
import { ciConfigExtractor } from "./ci-config.js";
import { githubActionsLogExtractor, gitlabLogExtractor } from "./ci-logs.js";
import { codexConfigExtractor } from "./codex-config.js";
import { claudeTranscriptExtractor, codexHistoryExtractor, codexRolloutExtractor, jsonlExtractor } from "./jsonl.js";
import { logArchiveExtractor } from "./log-archive.js";
import { mcpConfigExtractor } from "./mcp.js";
import { notebookExtractor } from "./notebook.js";
import { sqliteExtractor } from "./sqlite.js";
import { sqliteJournalExtractor, sqliteWalExtractor } from "./sqlite-sidecar.js";
import type { Extractor } from "./types.js";

export const EXTRACTORS: readonly Extractor[] = [
  // Binary containers, by magic bytes.
  sqliteExtractor,
  sqliteWalExtractor,
  sqliteJournalExtractor,
  logArchiveExtractor,
  // Agent artifacts, by name and location.
  notebookExtractor,
  claudeTranscriptExtractor,
  codexRolloutExtractor,
  codexHistoryExtractor,
  mcpConfigExtractor,
  codexAuthExtractor,
  claudeCredentialsExtractor,
  claudeSettingsExtractor,
  continueConfigExtractor,
  continueYamlExtractor,
  clineTaskExtractor,
  codexConfigExtractor,
  aiderHistoryExtractor,
  aiderConfigExtractor,
  // CI pipeline definitions, by name.
  ciConfigExtractor,
  // CI job logs and agent state, by content.
  githubActionsLogExtractor,
  gitlabLogExtractor,
  autogenStateExtractor,
  // Generic structured text.
  jsonlExtractor,
];
