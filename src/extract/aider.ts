// Aider's files at a repository's root: `.aider.chat.history.md` (chat transcript, "# aider chat
// started at <local time>") and `.aider.input.history` ("# <local time>" then "+"-prefixed input).
// Both are plain text scanned as-is; their timestamps (the local wall clock) give the task window.
import { plainSegment } from "./plain.js";
import { parseTimestamp, WindowBuilder } from "./timestamps.js";
import type { Extractor } from "./types.js";

const STAMP = /^#[ \t]+(?:aider chat started at[ \t]+)?(\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?)[ \t]*\r?$/gm;

export const aiderHistoryExtractor: Extractor = {
  name: "aider-history",
  claims: (path) => /(?:^|\/)\.aider\.(?:chat\.history\.md|input\.history|llm\.history)$/.test(path),
  extract(blob) {
    const artifact = blob.origin.path.endsWith(".input.history") ? "aider-input-history" : "aider-chat-history";
    const win = new WindowBuilder();
    for (const m of blob.bytes.toString("latin1").matchAll(STAMP)) win.add(parseTimestamp(m[1], true));
    return { segments: [plainSegment(blob, artifact)], warnings: [], artifact, taskWindow: win.window() };
  },
};
