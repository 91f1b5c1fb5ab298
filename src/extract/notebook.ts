// Jupyter notebooks (nbformat 4): cell sources and outputs (streams, rich results, error tracebacks).
// Multi-line text is stored as a list of strings; the list is joined (as nbformat says) so a private
// key spread over many items is one text again, and each offset still maps to its raw item.
import type { Blob } from "../model.js";
import { decodeJsonString, walkJsonStrings, type JsonPath, type JsonStringLeaf } from "./json-strings.js";
import { defaultLabel, MIN_LEAF } from "./json-segments.js";
import { parseJsonBlob, collectTimes } from "./json-doc.js";
import { blankAnsiText, joinMapped, jsonPointer, PieceJoiner, type MappedText } from "./offset-map.js";
import { plainSegment } from "./plain.js";
import { WindowBuilder } from "./timestamps.js";
import type { Extraction, Extractor } from "./types.js";

const ARTIFACT = "jupyter-notebook";

// Papermill's run times and JupyterLab's per-cell execution times.
const TIME_KEYS = new Set(["start_time", "end_time", "iopub.execute_input", "iopub.status.busy", "iopub.status.idle", "shell.execute_reply"]);

/** Keys whose value may be a list of lines to join, and the separator nbformat implies. */
function joinSeparator(key: string | number | undefined): string | null {
  if (key === "source" || key === "text") return "";
  if (key === "traceback") return "\n";
  if (typeof key === "string" && key.includes("/")) return ""; // a mime type in an output bundle
  return null;
}

/** Check the nbformat shapes that matter for reading; each problem is one warning. */
function shapeWarnings(nb: unknown): string[] {
  const w: string[] = [];
  if (!nb || typeof nb !== "object" || Array.isArray(nb)) return ["not a notebook: the top level is not an object"];
  const cells = (nb as { cells?: unknown }).cells;
  if (!Array.isArray(cells)) return ["not an nbformat 4 notebook: `cells` is not a list"];
  const textual = (v: unknown) => typeof v === "string" || (Array.isArray(v) && v.every((s) => typeof s === "string"));
  cells.forEach((c, i) => {
    if (!c || typeof c !== "object") {
      w.push(`cell ${i}: not an object`);
      return;
    }
    const cell = c as { source?: unknown; outputs?: unknown };
    if (cell.source !== undefined && !textual(cell.source)) w.push(`cell ${i}: source is neither a string nor a list of strings`);
    if (cell.outputs !== undefined && !Array.isArray(cell.outputs)) w.push(`cell ${i}: outputs is not a list`);
  });
  return w.length > 5 ? [...w.slice(0, 5), `${w.length - 5} more malformed cells`] : w;
}

/** Extract a notebook. */
export function extractNotebook(blob: Blob): Extraction {
  const parsed = parseJsonBlob(blob.bytes);
  if (parsed.error !== undefined) {
    return { segments: [plainSegment(blob, ARTIFACT)], warnings: [`not valid JSON (${parsed.error}); scanned as plain text`], artifact: ARTIFACT };
  }
  const warnings = shapeWarnings(parsed.value);
  const src = blob.bytes.toString("latin1");
  const joiner = new PieceJoiner();
  // Items of one list field, in order, until the walk leaves that list.
  let group: { pointer: string; sep: string; pieces: MappedText[] } | null = null;
  const flush = () => {
    if (!group) return;
    const joined = joinMapped(group.pieces, group.sep);
    if (joined.text.length >= MIN_LEAF) joiner.add({ text: blankAnsiText(joined.text), map: joined.map, pointer: group.pointer });
    group = null;
  };
  walkJsonStrings(src, parsed.offset, src.length, true, (leaf: JsonStringLeaf) => {
    const path: JsonPath = leaf.path;
    // Images and other binary payloads are base64 of pixels, not text.
    if (path.some((k) => typeof k === "string" && /^(?:image|video|audio)\//.test(k))) return;
    const last = path[path.length - 1];
    const sep = typeof last === "number" ? joinSeparator(path[path.length - 2]) : null;
    const text = decodeJsonString(src, leaf.start, leaf.end, true, leaf.plain);
    if (sep !== null) {
      const pointer = jsonPointer(path.slice(0, -1));
      if (group?.pointer !== pointer) {
        flush();
        group = { pointer, sep, pieces: [] };
      }
      group.pieces.push(text);
      return;
    }
    flush();
    if (text.text.length < MIN_LEAF) return;
    joiner.add({ text: blankAnsiText(text.text), map: text.map, pointer: jsonPointer(path), label: defaultLabel(path) });
  });
  flush();
  const win = new WindowBuilder();
  collectTimes(parsed.value, TIME_KEYS, win);
  const taskWindow = win.window();
  const seg = joiner.segment({ artifact: ARTIFACT, layer: "json-string", hasLines: true });
  return { segments: seg ? [seg] : [], warnings, artifact: ARTIFACT, taskWindow };
}

export const notebookExtractor: Extractor = {
  name: ARTIFACT,
  claims: (path) => path.toLowerCase().endsWith(".ipynb"),
  extract: extractNotebook,
};
