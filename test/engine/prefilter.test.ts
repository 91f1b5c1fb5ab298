// The keyword pass must report every occurrence of every keyword, case-insensitively, overlapping
// ones included, over bytes and over strings alike.
import { describe, expect, it } from "vitest";
import { KeywordMatcher } from "../../src/engine/prefilter.js";
import { randomString } from "../helpers/tokens.js";

/** Every (keyword, end) pair by brute force. */
function naive(keywords: string[], text: string): string[] {
  const lower = text.toLowerCase();
  const out: string[] = [];
  keywords.forEach((k, ki) => {
    for (let i = lower.indexOf(k.toLowerCase()); i !== -1; i = lower.indexOf(k.toLowerCase(), i + 1)) out.push(`${ki}@${i + k.length}`);
  });
  return out.sort();
}

function viaMatcher(m: KeywordMatcher, data: Buffer | string): string[] {
  const h = m.hits(data);
  const out: string[] = [];
  for (let i = 0; i < h.count; i++) out.push(`${h.keyword[i]}@${h.end[i]}`);
  return out.sort();
}

describe("KeywordMatcher", () => {
  const keywords = ["ghp_", "github", "hub", "git", "token", "api_key", "-----BEGIN", "sk_live_", "ke"];
  const m = new KeywordMatcher(keywords);

  it("finds overlapping and case-folded occurrences in bytes and strings", () => {
    const text = "GitHub_TOKEN=ghp_x; GITHUBhub api_KEY -----begin sk_LIVE_ keke";
    expect(viaMatcher(m, Buffer.from(text, "latin1"))).toEqual(naive(keywords, text));
    expect(viaMatcher(m, text)).toEqual(naive(keywords, text));
  });

  it("agrees with brute force on random text, short and long (interleaved quarters)", () => {
    const alphabet = "ghitubpkenoGHITUBPKE_-=: \n";
    for (const n of [0, 3, 100, 2000, 4096, 5001, 20003]) {
      for (let r = 0; r < 10; r++) {
        const text = randomString(n, alphabet);
        expect(viaMatcher(m, Buffer.from(text, "latin1"))).toEqual(naive(keywords, text));
        const h = m.hits(Buffer.from(text, "latin1"));
        for (let i = 1; i < h.count; i++) expect(h.end[i]).toBeGreaterThanOrEqual(h.end[i - 1]);
      }
    }
  });

  it("finds keywords straddling the quarter boundaries of long inputs", () => {
    const len = 8192;
    for (let at = 0; at < len; at += 97) {
      const b = Buffer.alloc(len, 0x2e);
      b.write("-----BEGIN", Math.min(at, len - 10), "latin1");
      expect(viaMatcher(m, b)).toEqual(naive(keywords, b.toString("latin1")));
    }
  });

  it("resets on characters outside latin1 in strings", () => {
    expect(viaMatcher(m, "gi\u4e2dt git")).toEqual(["3@8"]);
  });

  it("reports found keywords and the compatibility view", () => {
    const h = m.scan("token token github");
    expect([...h.found].sort()).toEqual([1, 2, 3, 4, 8]);
    expect(h.positions.get(4)).toEqual([5, 11]);
  });

  it("flags overflow past its hit limit but keeps found flags exact", () => {
    const small = new KeywordMatcher(["ab", "cd"], 3);
    const h = small.hits("ab ab ab ab cd");
    expect(h.overflow).toBe(true);
    expect(h.count).toBe(3);
    expect(h.found[1]).toBe(1);
  });
});

describe("KeywordMatcher.scan", () => {
  const m = new KeywordMatcher(["ghp_", "AKIA", "hp_x", "password", "pass"]);

  it("finds every keyword case-insensitively in bytes and strings", () => {
    for (const input of [Buffer.from("xx GHP_abc akia PassWord"), "xx GHP_abc akia PassWord"]) {
      const hits = m.scan(input);
      expect([...hits.found].sort()).toEqual([0, 1, 3, 4]);
    }
  });

  it("finds overlapping keywords through suffix links", () => {
    const hits = m.scan("ghp_x");
    expect([...hits.found].sort()).toEqual([0, 2]);
    expect(hits.positions.get(2)).toEqual([5]);
  });

  it("ignores non-Latin-1 characters and finds nothing in clean input", () => {
    expect(m.scan("😀 nothing here").found.size).toBe(0);
    expect(m.scan(Buffer.alloc(0)).found.size).toBe(0);
  });

  it("caps recorded positions per keyword", () => {
    const hits = m.scan("pass ".repeat(100), 3);
    expect(hits.positions.get(4)).toHaveLength(3);
  });
});
