import { describe, expect, it } from "vitest";
import { LogParser } from "../../../src/sources/git/history.js";
import { parseRawDiff, RawDiffParser } from "../../../src/sources/git/raw-diff.js";

const Z = "0".repeat(40);
const A = "a".repeat(40);
const B = "b".repeat(40);
const C = "c".repeat(40);

describe("raw diff parsing", () => {
  it("parses adds, modifies, renames and drops deletions", () => {
    const out = Buffer.from(
      [`:000000 100644 ${Z} ${A} A`, "new file.txt", `:100644 100644 ${A} ${B} M`, "line\nbreak", `:100644 100644 ${B} ${C} R087`, "old/name", "new/name", `:100644 000000 ${C} ${Z} D`, "gone", ""].join("\0"),
      "latin1",
    );
    expect(parseRawDiff(out)).toEqual([
      { path: "new file.txt", newOid: A, oldOids: [] },
      { path: "line\nbreak", newOid: B, oldOids: [A] },
      { path: "new/name", newOid: C, oldOids: [B], oldPath: "old/name" },
    ]);
  });

  it("parses combined (merge) records with every parent's blob, and gitlinks", () => {
    const p = new RawDiffParser();
    expect(p.push(`::100644 100644 100644 ${A} ${B} ${C} MM`)).toBeNull();
    expect(p.push(":odd:path")).toEqual({ path: ":odd:path", newOid: C, oldOids: [A, B] });
    expect(p.push(`:000000 160000 ${Z} ${A} A`)).toBeNull();
    expect(p.push("vendor/sub")).toEqual({ path: "vendor/sub", newOid: A, oldOids: [], gitlink: true });
    expect(p.push("not a record")).toBe(false);
  });

  it("keeps non-UTF-8 path bytes exactly", () => {
    const path = Buffer.from([0x61, 0xff, 0xfe, 0x20, 0x62]);
    const out = Buffer.concat([Buffer.from(`:000000 100644 ${Z} ${A} A\0`), path, Buffer.from([0])]);
    const [e] = parseRawDiff(out);
    expect(Buffer.from(e.path, "latin1")).toEqual(path);
  });
});

describe("git log stream parsing", () => {
  const header = (oid: string, parents: string[], t: number, who: string) => `\x01${oid} ${parents.join(" ")}\x02${t}\x02${who}`;

  it("splits commits, entries and odd tokens across arbitrary chunk boundaries", () => {
    const stream = Buffer.from(
      [
        header(A, [], 1704067200, "Zoë <z@x>"),
        `\n:000000 100644 ${Z} ${B} A`,
        "\x01path starting with header byte",
        header(B, [A], 1704153600, "Empty Commit <e@x>"),
        header(C, [A, B], 1704240000, "Merger <m@x>"),
        "",
        `::100644 100644 100644 ${A} ${B} ${C} MM`,
        "f.txt",
        "\n",
      ].join("\0"),
      "utf8",
    );
    for (const size of [1, 3, 7, 64, stream.length]) {
      const p = new LogParser();
      const commits = [];
      for (let i = 0; i < stream.length; i += size) commits.push(...p.push(stream.subarray(i, i + size)));
      commits.push(...p.end());
      expect(commits.map((c) => [c.oid, c.parents.length, c.entries.length])).toEqual([
        [A, 0, 1],
        [B, 1, 0],
        [C, 2, 1],
      ]);
      expect(commits[0].author).toBe("Zoë <z@x>");
      expect(commits[0].date).toBe("2024-01-01T00:00:00Z");
      expect(commits[0].entries[0].path).toBe("\x01path starting with header byte");
      expect(commits[2].entries[0].oldOids).toEqual([A, B]);
    }
  });
});
