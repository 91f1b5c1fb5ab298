// YAML documents cut into one segment per scalar entry (`key: value` exactly as written, so
// assignment-keyed rules see the name) with a JSON pointer to it, plus one remainder segment for what
// lies between entries (comments). The YAML is parsed from the bytes read as latin1, so the parser's
// offsets are byte offsets and every match maps straight back to the raw file.
import { isMap, isPair, isScalar, isSeq, parseAllDocuments, type Node } from "yaml";
import type { Segment } from "../model.js";
import type { JsonPath } from "./json-strings.js";
import { jsonPointer, rawRangeSegment, type SegmentMeta } from "./offset-map.js";

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
    for (const e of d.errors) errors.push(e.message.split("\n")[0]);
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
 * Segments for a YAML blob: each scalar entry over `view` (the raw bytes, or a copy with references
 * blanked out) plus the remainder with every entry blanked, so nothing is scanned twice.
 */
export function yamlSegments(view: Buffer, leaves: YamlLeaf[], meta: Omit<SegmentMeta, "pointer">, contextOf?: (path: JsonPath) => SegmentMeta["context"]): Segment[] {
  const out: Segment[] = [];
  const rest = Buffer.from(view);
  for (const l of leaves) {
    if (l.end <= l.start) continue;
    const ctx = contextOf ? contextOf(l.path) : meta.context;
    out.push(rawRangeSegment(view, l.start, l.end, { ...meta, context: ctx, pointer: jsonPointer(l.path) }));
    for (let i = l.start; i < l.end; i++) if (rest[i] !== 10 && rest[i] !== 13) rest[i] = 0x20;
  }
  out.push(rawRangeSegment(rest, 0, rest.length, meta));
  return out;
}
