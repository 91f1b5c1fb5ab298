// YAML documents cut into one segment per scalar entry (`key: value` exactly as written, so
// assignment-keyed rules see the name) with a JSON pointer to it, plus one remainder segment for what
// lies between entries (comments). The YAML is parsed from the bytes read as latin1, so the parser's
// offsets are byte offsets and every match maps straight back to the raw file.
import { safeErrorMessage } from "../util/safe-error.js";
import { isMap, isPair, isScalar, isSeq, parseAllDocuments, type Node } from "yaml";
import type { Segment } from "../model.js";
import type { JsonPath } from "./json-strings.js";
import { jsonPointer, rangePointers, rawRangeSegment, type SegmentMeta } from "./offset-map.js";

/** One scalar entry of a YAML document. */
export interface YamlLeaf {
  path: JsonPath;
  /** Byte range of `key: value` (or of the item alone in a sequence). */
  start: number;
  end: number;
  value: unknown;
}

export interface ParsedYaml {
  leaves: YamlLeaf[];
  /** The documents as plain values (for settings like `permissions`). */
  values: unknown[];
  errors: string[];
}

/** Parse every document of a YAML text and list its scalar entries with their byte ranges. */
export function parseYamlLeaves(src: string): ParsedYaml {
  const leaves: YamlLeaf[] = [];
  const values: unknown[] = [];
  const errors: string[] = [];
  const docs = parseAllDocuments(src, { uniqueKeys: false, strict: false });
  const list = Array.isArray(docs) ? docs : [docs];
  const walk = (node: unknown, path: JsonPath, keyStart: number | null, depth: number): void => {
    if (depth > 100 || !node) return;
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const k = pair.key as Node | null;
        const key = isScalar(k) ? String(k.value) : "?";
        const ks = k?.range?.[0] ?? null;
        walk(pair.value, [...path, key], ks, depth + 1);
        // A key with no value (`KEY:`) holds nothing to scan.
      }
    } else if (isSeq(node)) {
      node.items.forEach((it, i) => walk(it, [...path, i], null, depth + 1));
    } else if (isScalar(node) && node.range) {
      leaves.push({ path, start: keyStart ?? node.range[0], end: node.range[1], value: node.value });
    }
  };
  for (const d of list) {
    for (const e of d.errors) errors.push(safeErrorMessage(e));
    walk(d.contents, [], null, 0);
    try {
      values.push(d.toJS({ maxAliasCount: 100 }));
    } catch {
      values.push(null);
    }
  }
  return { leaves, values, errors };
}

/**
 * Segments for a YAML blob: the bytes of `view` (the raw bytes, or a copy with references blanked out)
 * in as few segments as the contexts allow (one per run of entries sharing a context, e.g. the jobs of
 * a workflow that may or may not use OIDC), so rules see neighbouring entries together (a key id beside
 * its secret); a match inside an entry gets that entry's pointer.
 */
export function yamlSegments(view: Buffer, leaves: YamlLeaf[], meta: Omit<SegmentMeta, "pointer">, contextOf?: (path: JsonPath) => SegmentMeta["context"]): Segment[] {
  const sorted = leaves.filter((l) => l.end > l.start).sort((a, b) => a.start - b.start);
  const ctxOf = (l: YamlLeaf | undefined) => (contextOf && l ? contextOf(l.path) : meta.context);
  const out: Segment[] = [];
  let from = 0;
  let run: YamlLeaf[] = [];
  let ctx = ctxOf(sorted[0]);
  const close = (to: number) => {
    if (to <= from) return;
    const seg = rawRangeSegment(view, from, to, { ...meta, context: ctx });
    seg.pointerAt = rangePointers(
      run.map((l) => l.start),
      run.map((l) => l.end),
      run.map((l) => jsonPointer(l.path)),
      from,
    );
    out.push(seg);
  };
  for (const l of sorted) {
    const c = ctxOf(l);
    if (c !== ctx && run.length) {
      close(l.start);
      from = l.start;
      run = [];
    }
    ctx = c;
    run.push(l);
  }
  close(view.length);
  return out;
}
