// Codex CLI `config.toml`: `[mcp_servers.<name>]` tables hold `env` and `http_headers` that MCP
// servers receive (literal tokens are leaks; `bearer_token_env_var` / `env_vars` only name variables).
// smol-toml validates the file; the entries themselves are cut from the raw lines so each keeps its
// exact position and a pointer such as /mcp_servers/github/env.
import { safeErrorMessage } from "../util/safe-error.js";
import type * as SmolToml from "smol-toml";
import type { Blob, Segment } from "../model.js";
import { blankCiReferences } from "./ci-config.js";
import { MCP_ARTIFACT } from "./mcp.js";
import { jsonPointer, rangePointers, rawRangeSegment } from "./offset-map.js";
import type { Extraction, Extractor } from "./types.js";

const ARTIFACT = "codex-config";
const BARE_OR_QUOTED = String.raw`(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')`;
const DOTTED = `${BARE_OR_QUOTED}(?:[ \\t]*\\.[ \\t]*${BARE_OR_QUOTED}){0,20}`;
const HEADER = new RegExp(`^[ \\t]*\\[\\[?[ \\t]*(${DOTTED})[ \\t]*\\]\\]?[ \\t]*(?:#.*)?$`);
const KEY_LINE = new RegExp(`^[ \\t]*(${DOTTED})[ \\t]*=`);

/** Split a dotted TOML key into its parts, unquoting each. */
export function tomlKeyParts(dotted: string): string[] {
  const parts: string[] = [];
  for (const m of dotted.matchAll(/"([^"\n]*)"|'([^'\n]*)'|([A-Za-z0-9_-]+)/g)) parts.push(m[1] ?? m[2] ?? m[3]);
  return parts;
}

/** True when a line opens a multi-line string that it does not close. */
function opensMultiline(line: string): '"""' | "'''" | null {
  for (const q of ['"""', "'''"] as const) {
    const i = line.indexOf(q);
    if (i >= 0 && line.indexOf(q, i + 3) < 0) return q;
  }
  return null;
}

let parseToml: typeof SmolToml.parse | null = null;

/** Extract a Codex config.toml. */
export function extractCodexConfig(blob: Blob): Extraction {
  const warnings: string[] = [];
  const text = blob.bytes.toString("latin1");
  try {
    // Without the parser (not prepared) the lines are still read; only validation is skipped.
    parseToml?.(blob.bytes.toString("utf8"));
  } catch (e) {
    warnings.push(`not valid TOML (${safeErrorMessage(e)}); entries are read line by line`);
  }
  const view = blankCiReferences(blob.bytes);
  const entries: { start: number; end: number; path: string[] }[] = [];
  let table: string[] = [];
  let entry: { start: number; path: string[] } = { start: 0, path: [] };
  let inMultiline: string | null = null;
  const close = (end: number) => {
    if (end > entry.start) entries.push({ ...entry, end });
  };
  let pos = 0;
  while (pos < text.length) {
    let nl = text.indexOf("\n", pos);
    if (nl < 0) nl = text.length;
    const line = text.slice(pos, nl);
    if (inMultiline) {
      if (line.includes(inMultiline)) inMultiline = null;
    } else {
      const h = HEADER.exec(line);
      const k = h ? null : KEY_LINE.exec(line);
      if (h) {
        close(pos);
        table = tomlKeyParts(h[1]);
        entry = { start: pos, path: table };
      } else if (k) {
        close(pos);
        entry = { start: pos, path: [...table, ...tomlKeyParts(k[1])] };
        inMultiline = opensMultiline(line.slice(k[0].length));
      }
    }
    pos = nl + 1;
  }
  close(text.length);
  // One segment per run of entries of the same kind (MCP server tables or the rest), so neighbouring
  // entries are seen together; each match gets its entry's pointer.
  const segments: Segment[] = [];
  let i = 0;
  while (i < entries.length) {
    const artifact = entries[i].path[0] === "mcp_servers" ? MCP_ARTIFACT : ARTIFACT;
    let j = i;
    while (j + 1 < entries.length && (entries[j + 1].path[0] === "mcp_servers" ? MCP_ARTIFACT : ARTIFACT) === artifact) j++;
    const run = entries.slice(i, j + 1);
    const seg = rawRangeSegment(view, run[0].start, run[run.length - 1].end, { artifact, layer: "raw", hasLines: true });
    seg.pointerAt = rangePointers(run.map((e) => e.start), run.map((e) => e.end), run.map((e) => jsonPointer(e.path)), run[0].start);
    segments.push(seg);
    i = j + 1;
  }
  const mcp = segments.some((s) => s.artifact === MCP_ARTIFACT);
  return { segments, warnings, artifact: mcp ? MCP_ARTIFACT : ARTIFACT };
}

export const codexConfigExtractor: Extractor = {
  name: ARTIFACT,
  claims(path, head) {
    if (path.endsWith(".codex/config.toml")) return true;
    return /(?:^|\/)config\.toml$/.test(path) && head.includes("[mcp_servers");
  },
  extract: extractCodexConfig,
  prepare: async () => {
    parseToml ??= (await import("smol-toml")).parse;
  },
};
