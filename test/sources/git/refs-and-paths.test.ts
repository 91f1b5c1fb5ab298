import { describe, expect, it } from "vitest";
import { BadRevisionError, parseRange, validateRevision } from "../../../src/sources/git/refs.js";
import { displayPath } from "../../../src/sources/git/paths.js";
import { gitArgv, gitEnv } from "../../../src/sources/git/git-process.js";

describe("revision validation", () => {
  it("accepts ordinary refs and ids", () => {
    for (const r of ["main", "origin/main", "v1.2.3", "HEAD~3", "a".repeat(40), "feature/x^{commit}"]) expect(validateRevision(r, "--branch")).toBe(r);
  });

  it("refuses option-like, empty, whitespace and control-character revisions", () => {
    for (const r of ["-x", "--output=/tmp/pwn", "", " ", "a b", "a\nb", "a\0b", "x".repeat(2000)]) {
      expect(() => validateRevision(r, "--branch"), JSON.stringify(r)).toThrow(BadRevisionError);
    }
  });

  it("parses BASE..HEAD, defaults HEAD, refuses three dots and option-like sides", () => {
    expect(parseRange("main..feature")).toEqual({ base: "main", head: "feature" });
    expect(parseRange("abc123..")).toEqual({ base: "abc123", head: "HEAD" });
    for (const r of ["main", "main...x", "..x", "-x..y", "x..--all"]) expect(() => parseRange(r), r).toThrow(BadRevisionError);
  });
});

describe("git process safety", () => {
  it("puts neutralising overrides before every command", () => {
    const argv = gitArgv(["log"]);
    expect(argv.at(-1)).toBe("log");
    for (const c of ["core.fsmonitor=false", "core.sshCommand=false", "core.hooksPath=/dev/null", "protocol.allow=never", "log.showSignature=false"]) {
      expect(argv).toContain(c);
    }
  });

  it("scrubs variables that redirect git and forbids prompts and optional locks", () => {
    const saved = { ...process.env };
    try {
      Object.assign(process.env, { GIT_DIR: "/elsewhere", GIT_SSH_COMMAND: "evil", GIT_EXTERNAL_DIFF: "evil", GIT_INDEX_FILE: "rel/index" });
      const env = gitEnv();
      expect(env.GIT_DIR).toBeUndefined();
      expect(env.GIT_SSH_COMMAND).toBeUndefined();
      expect(env.GIT_EXTERNAL_DIFF).toBeUndefined();
      expect(env.GIT_INDEX_FILE).toBeUndefined();
      expect(env.GIT_TERMINAL_PROMPT).toBe("0");
      expect(env.GIT_OPTIONAL_LOCKS).toBe("0");
      expect(gitEnv({ keepIndexFile: true }).GIT_INDEX_FILE).toMatch(/^\/.*rel\/index$/);
    } finally {
      process.env = saved;
    }
  });
});

describe("displayPath", () => {
  const raw = (b: number[]) => Buffer.from(b).toString("latin1");
  it("decodes UTF-8 names and escapes bytes that are not UTF-8", () => {
    expect(displayPath("plain/name.txt")).toBe("plain/name.txt");
    expect(displayPath(Buffer.from("café/ü.txt", "utf8").toString("latin1"))).toBe("café/ü.txt");
    expect(displayPath(raw([0x61, 0xe9, 0x62]))).toBe("a\\xe9b");
    // A literal backslash is escaped only in names that needed escaping, so the two never collide.
    expect(displayPath(raw([0x5c, 0xff]))).toBe("\\\\\\xff");
    expect(displayPath(raw([0xc3, 0xa9, 0xff]))).toBe("é\\xff");
  });
});
