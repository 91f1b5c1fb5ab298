// CI job logs. GitHub Actions: every line starts with an ISO-8601 time with 7 fractional digits,
// steps are `##[group]` blocks, masked values show as `***`. GitLab: `section_start:<epoch>:<name>`
// markers and, with FF_TIMESTAMPS, an ISO time per line. The log is scanned as raw bytes (colour codes
// blanked), one segment per step or section so a finding names it; the first and last timestamps are
// the job's task window.
import type { Blob, Segment, TaskWindow } from "../model.js";
import { blankAnsi, rangePointers, rawRangeSegment } from "./offset-map.js";
import { parseEpoch, parseTimestamp, WindowBuilder } from "./timestamps.js";
import type { Extraction, Extractor, StreamProfile } from "./types.js";

// Exactly seven fractional digits: GitHub's own format (other ISO-stamped logs are generic logs).
const GHA_LINE = /^(?:\uFEFF|\xEF\xBB\xBF)?(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z) /;
const GHA_TS_AT = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z) /;

/** How many lines from the end are searched for the last timestamp. */
const TAIL_LINES = 200;

/** The timestamp that starts the last line carrying one (searching back from the end). */
function lastLineTimestamp(text: string, re: RegExp): number | null {
  let end = text.length;
  for (let n = 0; n < TAIL_LINES && end > 0; n++) {
    const start = text.lastIndexOf("\n", end - 1) + 1;
    const m = re.exec(text.slice(start, Math.min(end, start + 64)));
    if (m) return parseTimestamp(m[1]);
    end = start - 1;
  }
  return null;
}

/** One segment over the whole log; a match is labelled by the last marker before it. */
function markedSegment(view: Buffer, marks: { at: number; label: string }[], meta: { artifact: string; context: Record<string, string | boolean>; taskWindow?: TaskWindow }): Segment[] {
  const seg = rawRangeSegment(view, 0, view.length, { ...meta, layer: "raw", hasLines: true });
  if (marks.length) {
    const starts = marks.map((m) => m.at);
    const ends = [...starts.slice(1), view.length];
    seg.pointerAt = rangePointers(starts, ends, marks.map((m) => m.label));
  }
  return [seg];
}

function titleAt(text: string, from: number): string {
  let e = text.indexOf("\n", from);
  if (e < 0) e = text.length;
  return text.slice(from, Math.min(e, from + 160)).replace(/[\r\x1b]/g, "").replace(/\s+$/, "");
}

/** A GitHub Actions job's window: the first line's time to the last stamped line's (head and tail may be one text). */
function githubActionsWindow(head: string, tail: string): TaskWindow | undefined {
  const win = new WindowBuilder();
  const first = GHA_LINE.exec(head.slice(0, 64));
  if (first) win.add(parseTimestamp(first[1]));
  win.add(lastLineTimestamp(tail, GHA_TS_AT));
  return win.window();
}

const GITHUB_CONTEXT = { ciPlatform: "github-actions", ciLog: true };
const GITLAB_CONTEXT = { ciPlatform: "gitlab-ci", ciLog: true };

/** Extract a GitHub Actions job log. */
export function extractGithubActionsLog(blob: Blob): Extraction {
  const artifact = "github-actions-log";
  const text = blob.bytes.toString("latin1");
  const view = blankAnsi(blob.bytes);
  const marks: { at: number; label: string }[] = [];
  for (let i = text.indexOf("##[group]"); i >= 0; i = text.indexOf("##[group]", i + 9)) {
    const lineStart = text.lastIndexOf("\n", i) + 1;
    marks.push({ at: lineStart, label: `group:${titleAt(text, i + 9)}` });
  }
  const taskWindow = githubActionsWindow(text, text);
  const segments = markedSegment(view, marks, { artifact, context: GITHUB_CONTEXT, taskWindow });
  return { segments, warnings: [], artifact, taskWindow };
}

// `section_start:1700000000:step_script` (the marker is wrapped in ESC[0K ... \r ESC[0K).
const SECTION = /section_(start|end):(\d{9,11}):([A-Za-z0-9_.-]{1,200})/g;
// FF_TIMESTAMPS: `2024-05-01T12:00:00.123456Z 00O ` at the start of each line.
const GITLAB_TS = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z) [0-9a-f]{2}[OE]\+? /;

/** Extract a GitLab CI job log. */
export function extractGitlabLog(blob: Blob): Extraction {
  const artifact = "gitlab-ci-log";
  const text = blob.bytes.toString("latin1");
  const view = blankAnsi(blob.bytes);
  const win = new WindowBuilder();
  const marks: { at: number; label: string }[] = [];
  for (const m of text.matchAll(SECTION)) {
    win.add(parseEpoch(Number(m[2])));
    if (m[1] === "start") marks.push({ at: text.lastIndexOf("\n", m.index!) + 1, label: `section:${m[3]}` });
  }
  const first = GITLAB_TS.exec(text.slice(0, 80));
  if (first) win.add(parseTimestamp(first[1]));
  win.add(lastLineTimestamp(text, GITLAB_TS));
  // Several markers can share a line; keep the last label for each start offset.
  const byStart = new Map<number, string>();
  for (const m of marks) byStart.set(m.at, m.label);
  const taskWindow = win.window();
  const segments = markedSegment(
    view,
    [...byStart].sort((a, b) => a[0] - b[0]).map(([at, label]) => ({ at, label })),
    { artifact, context: GITLAB_CONTEXT, taskWindow },
  );
  return { segments, warnings: [], artifact, taskWindow };
}

/** True when the first bytes look like a GitHub Actions log. */
export function looksLikeGithubActionsLog(head: Buffer): boolean {
  return GHA_LINE.test(head.toString("latin1", 0, 64));
}

/** True when the first bytes look like a GitLab job log. */
export function looksLikeGitlabLog(head: Buffer): boolean {
  const h = head.toString("latin1");
  return /section_start:\d{9,11}:/.test(h) || h.includes("Running with gitlab-runner");
}

/** A GitLab job's window from its first and last bytes: section markers and per-line stamps in either. */
function gitlabWindow(head: string, tail: string): TaskWindow | undefined {
  const win = new WindowBuilder();
  for (const part of [head, tail]) for (const m of part.matchAll(SECTION)) win.add(parseEpoch(Number(m[2])));
  const first = GITLAB_TS.exec(head.slice(0, 80));
  if (first) win.add(parseTimestamp(first[1]));
  win.add(lastLineTimestamp(tail, GITLAB_TS));
  return win.window();
}

const NOT_LOG = /\.(?:json|jsonl|ndjson|ya?ml|ipynb|zip|toml|md)$/i;

// A tail that starts mid-line must not count its first, partial line as a line start.
const fromLineStart = (tail: Buffer): string => tail.toString("latin1", tail.indexOf(10) + 1);

/** Big CI logs are scanned in chunks; their step labels are lost, their window is read from the ends. */
const githubStream: StreamProfile = {
  artifact: "github-actions-log",
  context: GITHUB_CONTEXT,
  blankAnsi: true,
  window: (head, tail) => githubActionsWindow(head.toString("latin1"), fromLineStart(tail)) ?? null,
};

const gitlabStream: StreamProfile = {
  artifact: "gitlab-ci-log",
  context: GITLAB_CONTEXT,
  blankAnsi: true,
  window: (head, tail) => gitlabWindow(head.toString("latin1"), fromLineStart(tail)) ?? null,
};

export const githubActionsLogExtractor: Extractor = {
  name: "github-actions-log",
  claims: (path, head) => !NOT_LOG.test(path) && looksLikeGithubActionsLog(head),
  extract: extractGithubActionsLog,
  stream: githubStream,
};

export const gitlabLogExtractor: Extractor = {
  name: "gitlab-ci-log",
  claims: (path, head) => !NOT_LOG.test(path) && looksLikeGitlabLog(head),
  extract: extractGitlabLog,
  stream: gitlabStream,
};
