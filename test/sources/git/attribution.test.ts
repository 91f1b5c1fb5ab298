import { describe, expect, it } from "vitest";
import type { Match } from "../../../src/model.js";
import { attribute, blobsNeeded, type ChangeSource } from "../../../src/sources/git/attribution.js";

const m = (secret: string, line = 1, ruleId = "r"): Match => ({
  ruleId,
  secret,
  start: 0,
  end: secret.length,
  startPos: { line, column: 1 },
  endPos: { line, column: 1 + secret.length },
  artifact: "plain",
  layer: "raw",
});

function run(sources: ChangeSource[], blobs: Record<string, Match[]>, head: Record<string, string> | null, skip: string[] = []) {
  return attribute({
    sources,
    matchesOf: (oid) => blobs[oid],
    skipPath: (p) => skip.includes(p),
    ruleAllowsPath: () => false,
    headTree: head ? new Map(Object.entries(head)) : null,
  }).map((a) => ({ path: a.path, commit: a.source.oid, blob: a.blobOid, head: a.presentAtHead, lines: a.matches.map((x) => x.startPos.line) }));
}

describe("attribution", () => {
  it("credits the first commit that put a secret at a path; edits that keep it do not", () => {
    const blobs = { b1: [m("S")], b2: [m("S", 3)], b3: [] };
    const out = run(
      [
        { oid: "c1", entries: [{ path: "a", newOid: "b1", oldOids: [] }] },
        { oid: "c2", entries: [{ path: "a", newOid: "b2", oldOids: ["b1"] }] },
      ],
      blobs,
      { a: "b2" },
    );
    expect(out).toEqual([{ path: "a", commit: "c1", blob: "b2", head: true, lines: [3] }]);
  });

  it("a secret deleted and re-added keeps its first commit; presentAtHead false once gone", () => {
    const out = run(
      [
        { oid: "c1", entries: [{ path: "a", newOid: "b1", oldOids: [] }] },
        { oid: "c3", entries: [{ path: "a", newOid: "b1", oldOids: [] }] },
      ],
      { b1: [m("S")] },
      { other: "b9" },
    );
    expect(out).toEqual([{ path: "a", commit: "c1", blob: "b1", head: false, lines: [1] }]);
  });

  it("a rename inherits the origin; a plain modification outside the range is not introduced", () => {
    const blobs = { b1: [m("S")], b2: [m("S"), m("T", 2)] };
    const full = run(
      [
        { oid: "c1", entries: [{ path: "old", newOid: "b1", oldOids: [] }] },
        { oid: "c2", entries: [{ path: "new", newOid: "b2", oldOids: ["b1"], oldPath: "old" }] },
      ],
      blobs,
      { new: "b2" },
    );
    expect(full.map((x) => [x.path, x.commit, x.lines])).toEqual([
      ["old", "c1", [1]],
      ["new", "c1", [1]],
      ["new", "c2", [2]],
    ]);
    const rangeOnly = run([{ oid: "c2", entries: [{ path: "new", newOid: "b2", oldOids: ["b1"], oldPath: "old" }] }], blobs, { new: "b2" });
    expect(rangeOnly.map((x) => [x.path, x.commit, x.lines])).toEqual([["new", "c2", [2]]]);
  });

  it("a merge introduces only what no parent had; an excluded source path does not hide a move", () => {
    const blobs = { p1: [m("S")], p2: [], mg: [m("S"), m("U", 2)], fx: [m("F")], mv: [m("F")] };
    const out = run(
      [
        { oid: "c1", entries: [{ path: "x", newOid: "p1", oldOids: [] }, { path: "fixtures/f", newOid: "fx", oldOids: [] }] },
        { oid: "m", entries: [{ path: "x", newOid: "mg", oldOids: ["p1", "p2"] }] },
        { oid: "c4", entries: [{ path: "src/f", newOid: "mv", oldOids: ["fx"], oldPath: "fixtures/f" }] },
      ],
      blobs,
      null,
      ["fixtures/f"],
    );
    expect(out.map((x) => [x.path, x.commit, x.lines, x.head])).toEqual([
      ["x", "c1", [1], undefined],
      ["x", "m", [2], undefined],
      ["src/f", "c4", [1], undefined],
    ]);
  });

  it("asks for old sides and tip blobs only where a new side holds a secret", () => {
    const need = blobsNeeded(
      [
        { oid: "c", entries: [{ path: "a", newOid: "n1", oldOids: ["o1"] }, { path: "b", newOid: "n2", oldOids: ["o2"] }] },
      ],
      (oid) => (oid === "n1" ? [m("S")] : undefined),
      new Map([["a", "h1"], ["b", "h2"]]),
    );
    expect([...need].sort()).toEqual(["h1", "o1"]);
  });
});
