// JSON Lines transcripts: Claude Code sessions, Codex CLI rollouts and history, and any other
// .jsonl file. Each line is parsed on its own, so one bad line is a warning and the rest still count;
// every string value becomes a segment with its pointer, and the `timestamp` fields give the task window.
import { safeErrorMessage } from "../util/safe-error.js";
import type { Blob, Segment } from "../model.js";
import { jsonStringSegments, type LeafPolicy } from "./json-segments.js";
import { rawRangeSegment } from "./offset-map.js";
import { parseTimeValue, WindowBuilder } from "./timestamps.js";
import type { Extraction, Extractor } from "./types.js";

export interface JsonlOptions {
  artifact: string;
  /** The instant a parsed line records, if any. */
  timeOf?: (line: Record<string, unknown>) => unknown;
  policy?: LeafPolicy;
}

/** How many bad lines are named one by one before the rest are only counted. */
const MAX_LINE_WARNINGS = 3;

function genericTime(o: Record<string, unknown>): unknown {
  return o.timestamp ?? o.ts ?? o.time ?? o.created_at ?? o.createdAt;
}

/** Extract a JSONL blob line by line. */
export function extractJsonl(blob: Blob, opts: JsonlOptions): Extraction {
  const bytes = blob.bytes;
  const src = bytes.toString("latin1");
  const segments: Segment[] = [];
  const warnings: string[] = [];
  const win = new WindowBuilder();
  const timeOf = opts.timeOf ?? genericTime;
  let bad = 0;
  let lineNo = 0;
  let start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (start < bytes.length) {
    lineNo++;
    let end = bytes.indexOf(10, start);
    if (end < 0) end = bytes.length;
    const next = end + 1;
    let e = end;
    while (e > start && (bytes[e - 1] === 13 || bytes[e - 1] === 32 || bytes[e - 1] === 9)) e--;
    if (e > start) {
      let value: unknown;
      let ok = true;
      try {
        value = JSON.parse(bytes.toString("utf8", start, e));
      } catch (err) {
        ok = false;
        bad++;
        if (bad <= MAX_LINE_WARNINGS) warnings.push(`line ${lineNo}: not valid JSON (${safeErrorMessage(err)}); scanned as plain text`);
      }
      if (ok) {
        if (value && typeof value === "object" && !Array.isArray(value)) win.add(parseTimeValue(timeOf(value as Record<string, unknown>)));
        jsonStringSegments(src, start, e, { artifact: opts.artifact, hasLines: true, utf8: true, policy: opts.policy }, segments);
      } else {
        segments.push(rawRangeSegment(bytes, start, e, { artifact: opts.artifact, layer: "raw", hasLines: true }));
      }
    }
    start = next;
  }
  if (bad > MAX_LINE_WARNINGS) warnings.push(`${bad - MAX_LINE_WARNINGS} more lines are not valid JSON`);
  return { segments, warnings, artifact: opts.artifact, taskWindow: win.window() };
}

const JSONL_NAME = /\.(?:jsonl|ndjson)$/i;

function firstLine(head: Buffer): string {
  const nl = head.indexOf(10);
  return head.toString("utf8", 0, nl < 0 ? head.length : nl);
}

/** Claude Code: ~/.claude/projects/<cwd>/<session>.jsonl, sub-agents under <session>/subagents/. */
export const claudeTranscriptExtractor: Extractor = {
  name: "claude-code-transcript",
  claims(path, head) {
    if (!JSONL_NAME.test(path)) return false;
    if (path.includes(".claude/projects/")) return true;
    const h = head.toString("latin1");
    return h.includes('"sessionId"') && (h.includes('"parentUuid"') || h.includes('"leafUuid"'));
  },
  extract: (blob) => extractJsonl(blob, { artifact: "claude-code-transcript", timeOf: (o) => o.timestamp }),
};

/** Codex CLI: ~/.codex/sessions/YYYY/MM/DD/rollout-*.jsonl lines {timestamp, type, payload}. */
export const codexRolloutExtractor: Extractor = {
  name: "codex-rollout",
  claims(path, head) {
    if (!JSONL_NAME.test(path)) return false;
    if (/(?:^|\/)rollout-[^/]*\.jsonl$/i.test(path)) return true;
    const l = firstLine(head);
    return l.startsWith('{"timestamp":') && /"type":"(?:session_meta|response_item|event_msg|turn_context)"/.test(l);
  },
  extract: (blob) => extractJsonl(blob, { artifact: "codex-rollout", timeOf: (o) => o.timestamp }),
};

/** Codex CLI prompt history: ~/.codex/history.jsonl lines {session_id, ts, text}. */
export const codexHistoryExtractor: Extractor = {
  name: "codex-history",
  claims: (path) => /(?:^|\/)\.codex\/history\.jsonl$/.test(path),
  extract: (blob) => extractJsonl(blob, { artifact: "codex-history", timeOf: (o) => o.ts }),
};

/** Any other JSON Lines file. */
export const jsonlExtractor: Extractor = {
  name: "jsonl",
  claims: (path) => JSONL_NAME.test(path),
  extract: (blob) => extractJsonl(blob, { artifact: "jsonl" }),
};
