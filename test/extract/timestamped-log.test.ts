// Plain logs whose lines start with ISO timestamps give their blob a task window (first to last stamp).
import { describe, expect, it } from "vitest";
import { timestampedLogWindow } from "../../src/extract/timestamped-log.js";
import { extract } from "../../src/extract/index.js";

const w = (s: string) => timestampedLogWindow(Buffer.from(s));

describe("timestamped logs", () => {
  it("first and last timestamps, skipping trailing lines without one", () => {
    const log = [
      "2026-11-21T10:00:00Z starting job",
      "2026-11-21T10:01:30.1234567Z step 1",
      "  continuation line",
      "2026-11-21T10:02:00.5Z done",
      "Traceback (most recent call last):",
      "",
    ].join("\n");
    expect(w(log)).toEqual({ start: "2026-11-21T10:00:00.000Z", end: "2026-11-21T10:02:00.500Z" });
  });

  it("accepts space-separated, comma fractions, offsets, brackets and CRLF", () => {
    expect(w("2026-11-21 10:00:00,123 INFO a\r\n2026-11-21 11:00:00,000 INFO b\r\n")).toEqual({
      start: "2026-11-21T10:00:00.123Z",
      end: "2026-11-21T11:00:00.000Z",
    });
    expect(w("[2026-11-21T12:00:00+02:00] a\n[2026-11-21T12:30:00+02:00] b")?.end).toBe("2026-11-21T10:30:00.000Z");
  });

  it("a single-line log is its own window", () => {
    expect(w("2026-11-21T10:00:00Z one line")).toEqual({ start: "2026-11-21T10:00:00.000Z", end: "2026-11-21T10:00:00.000Z" });
  });

  it("is not fooled by files that merely start with a date", () => {
    expect(w("# Changelog\n2026-11-21T10:00:00Z x")).toBeNull();
    expect(w("2026-11-21 release notes\nmore text\n")).toBeNull();
    expect(w("2026-11-21T10:00:00Z started\nthen prose\nand more prose\n")).toBeNull();
    expect(w("2026-13-45T10:00:00Z not a date\n2026-13-45T11:00:00Z x")).toBeNull();
    expect(w("")).toBeNull();
  });

  it("reads only the tail of a large log", () => {
    const lines = ["2026-11-21T08:00:00Z begin"];
    for (let i = 0; i < 50_000; i++) lines.push(`2026-11-21T09:00:00Z line ${i}`);
    lines.push("2026-11-21T10:15:00Z end");
    expect(w(lines.join("\n"))?.end).toBe("2026-11-21T10:15:00.000Z");
  });

  it("extract() puts the window on plain segments", () => {
    const blob = { origin: { kind: "file" as const, target: ".", path: "build.log" }, bytes: Buffer.from("2026-11-21T10:00:00Z a\n2026-11-21T10:05:00Z b\n") };
    const ex = extract(blob);
    expect(ex.taskWindow).toEqual({ start: "2026-11-21T10:00:00.000Z", end: "2026-11-21T10:05:00.000Z" });
    expect(ex.segments[0].taskWindow).toEqual(ex.taskWindow);
    expect(extract({ ...blob, bytes: Buffer.from("plain text\n") }).taskWindow).toBeUndefined();
  });
});
