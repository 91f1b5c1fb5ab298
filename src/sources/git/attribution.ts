// Attribution: after every unique blob has been scanned once, walk the changes commit by commit
// (parents first) and decide, for each secret at each path, which commit introduced it there.
//
// A secret S is introduced at path P by commit C when C's blob at P contains S and the blob each
// parent had at P (or, for a rename, at the old path) does not. A file renamed with its secret keeps
// the commit that first put the secret in it; a secret that was already there before the scanned
// commits (the base of --range, the boundary of --since) is not introduced by any of them.
import type { Match } from "../../model.js";
import type { ChangeEntry } from "./raw-diff.js";

/** Who introduced a change: a commit, or (for --staged) the index, which has no commit. */
export interface ChangeSource {
  oid?: string;
  author?: string;
  date?: string;
  entries: ChangeEntry[];
}

export interface AttributionInput {
  /** Changes in order, parents before children. */
  sources: Iterable<ChangeSource>;
  /** Matches of a scanned blob; undefined when it was not scanned (binary, too large, missing). */
  matchesOf(oid: string): Match[] | undefined;
  /** Config-level path exclusion: such paths are neither scanned nor reported. */
  skipPath(rawPath: string): boolean;
  /** A rule's own path allowlist covers this path: its matches are not reported there. */
  ruleAllowsPath(ruleId: string, rawPath: string): boolean;
  /** The tip's tree (raw path -> blob id), for presentAtHead; null when there is no tip (--staged). */
  headTree: Map<string, string> | null;
}

/** One secret at one path: where it came from and the matches (positions) to report. */
export interface Attributed {
  /** Raw path (latin1). */
  path: string;
  source: ChangeSource;
  /** The blob whose positions are reported: the tip's when the secret is still there. */
  blobOid: string;
  matches: Match[];
  presentAtHead?: boolean;
}

type RecordState = { kind: "found"; source: ChangeSource; blobOid: string } | { kind: "before" };

/** The identity of a secret independent of position: rule and value (what the fingerprint hashes). */
export function secretKey(m: Match): string {
  return `${m.ruleId}\0${m.secret}`;
}

/**
 * Blobs whose matches attribution will read besides the new sides: the old sides of entries that
 * hold secrets, and the tip's blob at each such path. Scan these before calling `attribute`.
 */
export function blobsNeeded(sources: Iterable<ChangeSource>, matchesOf: (oid: string) => Match[] | undefined, headTree: Map<string, string> | null): Set<string> {
  const need = new Set<string>();
  for (const src of sources) {
    for (const e of src.entries) {
      if (e.gitlink || !matchesOf(e.newOid)?.length) continue;
      for (const o of e.oldOids) need.add(o);
      const h = headTree?.get(e.path);
      if (h) need.add(h);
    }
  }
  return need;
}

/** Attribute every secret at every path to the change that introduced it. */
export function attribute(input: AttributionInput): Attributed[] {
  const records = new Map<string, RecordState>();
  const order: { key: string; sk: string; path: string }[] = [];
  const keyOf = (sk: string, path: string) => `${sk}\0\0${path}`;
  const allowedAt = (ruleId: string, path: string) => input.skipPath(path) || input.ruleAllowsPath(ruleId, path);

  for (const src of input.sources) {
    for (const e of src.entries) {
      if (e.gitlink || input.skipPath(e.path)) continue;
      const ms = input.matchesOf(e.newOid);
      if (!ms?.length) continue;
      let old: Set<string> | null = null;
      const seen = new Set<string>();
      for (const m of ms) {
        const sk = secretKey(m);
        if (seen.has(sk)) continue;
        seen.add(sk);
        if (input.ruleAllowsPath(m.ruleId, e.path)) continue;
        const key = keyOf(sk, e.path);
        if (records.has(key)) continue;
        if (!old) {
          old = new Set();
          for (const o of e.oldOids) for (const om of input.matchesOf(o) ?? []) old.add(secretKey(om));
        }
        order.push({ key, sk, path: e.path });
        if (!old.has(sk)) {
          records.set(key, { kind: "found", source: src, blobOid: e.newOid });
          continue;
        }
        // The parent already had it: at this path (then it came from before the scanned commits,
        // or the path was allowed), or at the rename source (then the file keeps its origin).
        const from = e.oldPath ?? e.path;
        const prev = records.get(keyOf(sk, from));
        if (prev?.kind === "found") records.set(key, { kind: "found", source: prev.source, blobOid: e.newOid });
        else if (!prev && allowedAt(m.ruleId, from)) records.set(key, { kind: "found", source: src, blobOid: e.newOid });
        else records.set(key, { kind: "before" });
      }
    }
  }

  const out: Attributed[] = [];
  for (const { key, sk, path } of order) {
    const rec = records.get(key)!;
    if (rec.kind !== "found") continue;
    const pick = (oid: string | undefined) => (oid ? (input.matchesOf(oid) ?? []).filter((m) => secretKey(m) === sk) : []);
    let presentAtHead: boolean | undefined;
    let blobOid = rec.blobOid;
    let matches = pick(rec.blobOid);
    if (input.headTree) {
      const headOid = input.headTree.get(path);
      const atHead = pick(headOid);
      presentAtHead = atHead.length > 0;
      if (presentAtHead) {
        blobOid = headOid!;
        matches = atHead;
      }
    }
    out.push({ path, source: rec.source, blobOid, matches, presentAtHead });
  }
  return out;
}
