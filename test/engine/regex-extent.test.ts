// Local rules run only in windows around keyword hits. The analysis that allows it must be sound
// (every match of a local regex is short enough, or on one line, and holds a keyword), and windowed
// detection must find exactly what a scan of the whole text finds.
import { describe, expect, it } from "vitest";
import { analyzeRegex, explainRegex } from "../../src/engine/regex-extent.js";
import { RuleSet, toRegExp } from "../../src/engine/compile.js";
import { detectContext, detectSegment } from "../../src/engine/detect.js";
import { loadRules } from "../../src/engine/rule-loader.js";
import { RuleSchema, type RuleDef } from "../../src/engine/rule-schema.js";
import { plainSegment } from "../../src/extract/plain.js";
import { githubToken, randomString } from "../helpers/tokens.js";

function rule(id: string, keywords: string[], pattern: string, extra: Partial<RuleDef> = {}): RuleDef {
  const parsed = RuleSchema.parse({ id, name: id, description: id, keywords, pattern, severity: "high", confidence: "high", examples: ["x"], ...extra });
  return { ...parsed, family: "test" } as RuleDef;
}

describe("analyzeRegex", () => {
  it("bounds a keyword-anchored token", () => {
    expect(analyzeRegex("\\b(ghp_[A-Za-z0-9]{36})\\b", ["ghp_"])).toEqual({ maxLength: 40, singleLine: true, maxLookaround: 1, containsKeyword: true });
  });

  it("multiplies small alternations to prove a keyword is present", () => {
    expect(analyzeRegex("(?:sk|rk)_live_[a-z]{24}", ["sk_live_", "rk_live_"])?.maxLength).toBe(32);
    expect(analyzeRegex("(?:sk|rk)_live_[a-z]{24}", ["sk_live_", "rk_live_"])?.windowLiterals).toBeUndefined();
  });

  it("derives window literals from the pattern when the keywords do not cover every match", () => {
    expect(analyzeRegex("(?:sk|pk)_live_[a-z]{24}", ["sk_live_"])).toMatchObject({ containsKeyword: false, windowLiterals: ["pk_live_", "sk_live_"] });
    expect(analyzeRegex("(?:token|azdo)[ \\t]{0,3}=([a-z2-7]{20})", ["token"], "i")?.windowLiterals).toEqual(["azdo", "token"]);
    expect(explainRegex("(?:a|token)[a-z]{4}", ["token"])).toBe("keyword not in match");
  });

  it("treats unbounded multi-line patterns and keywords outside the match as non-local", () => {
    expect(explainRegex("key[\\s\\S]*end", ["key"])).toBe("unbounded");
    expect(explainRegex("(?<=token=)[a-z]{10}", ["token"])).toBe("keyword not in match");
    expect(explainRegex("[A-Z2-7]{16}", ["aws"])).toBe("keyword not in match");
    expect(analyzeRegex("AKIA[0-9A-Z]{16}", ["aws"])?.windowLiterals).toEqual(["akia"]);
  });

  it("accepts unbounded single-line patterns as line-local", () => {
    const e = analyzeRegex("password[ \\t]*=[ \\t]*([^\\s'\"]+)", ["password"], "i");
    expect(e).toMatchObject({ maxLength: Infinity, singleLine: true });
    expect(explainRegex("password\\s*=\\s*(\\S+)", ["password"])).toBe("unbounded");
  });

  it("follows backreferences and gives up on what it cannot parse", () => {
    expect(analyzeRegex("(?<q>['\"])secret=(?<v>[a-z]{4,8})\\k<q>", ["secret"])?.maxLength).toBe(17);
    expect(explainRegex("\\k<q>(?<q>a)secret", ["secret"])).toMatch(/^unsupported/);
  });

  it("is sound: random matches of local regexes are within bounds and contain a keyword", () => {
    const cases: [string, string[], string][] = [
      ["\\b(ghp_[A-Za-z0-9]{6,12})\\b", ["ghp_"], ""],
      ["(?:api[_-]?key|token)[\\w.-]{0,5}\\s{0,2}[:=]\\s{0,2}([a-z0-9]{4,10})", ["apikey", "api_key", "api-key", "token"], "i"],
      ["(?<q>[\"'])pass(?:word|wd)=(?<v>[^\\n\"']+)\\k<q>", ["password", "passwd"], "i"],
    ];
    const alphabet = "ghp_apikeytokenPASSWORDwd=:-'\" \n0123456789abcdef";
    for (const [src, kws, flags] of cases) {
      const ext = analyzeRegex(src, kws, flags);
      expect(ext, src).not.toBeNull();
      const re = new RegExp(src, `${flags}g`);
      for (let r = 0; r < 200; r++) {
        const text = randomString(400, alphabet);
        for (const m of text.matchAll(re)) {
          expect(m[0].length).toBeLessThanOrEqual(ext!.maxLength);
          if (ext!.singleLine) expect(m[0]).not.toContain("\n");
          expect(kws.some((k) => m[0].toLowerCase().includes(k))).toBe(true);
        }
      }
    }
  });
});

/** The same rule set with every rule forced to scan whole segments. */
function wholeText(defs: RuleDef[]): RuleSet {
  const rs = new RuleSet(defs);
  for (const r of rs.rules) r.extent = null;
  return rs;
}

function detect(rs: RuleSet, text: string) {
  const bytes = Buffer.from(text, "utf8");
  const seg = plainSegment({ origin: { kind: "file", target: ".", path: "t.txt" }, bytes });
  return detectSegment(seg, rs, detectContext("t.txt", bytes)).map((m) => `${m.ruleId} ${m.start}-${m.end} ${m.startPos.line}:${m.startPos.column} ${m.secret} ${m.identity ?? ""}`);
}

describe("windowed detection", () => {
  const extraDefs = [
    rule("t-assign", ["password", "passwd"], "(?i)\\bpass(?:word|wd)[ \\t]{0,4}[:=][ \\t]{0,4}[\"']?([^\\s\"']{6,64})"),
    rule("t-line", ["secret"], "(?i)secret[\\w.-]*[ \\t]*=[ \\t]*([A-Za-z0-9]{8,})", { entropy: 2 }),
    rule("t-pem", ["-----BEGIN TEST KEY"], "-----BEGIN TEST KEY-----([\\s\\S]{10,400}?)-----END TEST KEY-----"),
    rule("t-look", ["tok_"], "(?<![A-Za-z0-9])tok_([a-f0-9]{12})(?![a-f0-9])"),
    rule("t-derived", ["token"], "(?i)(?:token|azdo)[ \\t]{0,3}[:=][ \\t]{0,3}([a-z2-7]{20})\\b"),
  ];
  const defs = [...loadRules(), ...extraDefs];
  const windowed = new RuleSet(defs);
  const whole = wholeText(defs);

  it("uses windows for the rules it can", () => {
    expect(windowed.rules.filter((r) => r.extent).map((r) => r.def.id)).toEqual(expect.arrayContaining(["t-assign", "t-line", "t-pem", "t-look", "t-derived", "github-pat-classic"]));
  });

  it("finds exactly what a whole-text scan finds", () => {
    const pieces = () => [
      `GITHUB_TOKEN=${githubToken()}`,
      `password = "${randomString(12)}"`,
      `passwd:${randomString(9)}`,
      `my.secret.value = ${randomString(20)}`,
      `-----BEGIN TEST KEY-----\n${randomString(60)}\n${randomString(60)}\n-----END TEST KEY-----`,
      `xtok_${randomString(12, "0123456789abcdef")} tok_${randomString(12, "0123456789abcdef")}`,
      `github_client_id=${randomString(20, "0123456789abcdef")}\ngithub_client_secret=${randomString(40, "0123456789abcdef")}`,
      "plain words, token, pass, github, ghp_short, ünïcödé ✓ text",
      "secret = short",
      `azdo = ${randomString(20, "abcdefghijklmnopqrstuvwxyz234567")}`,
      `TOKEN: ${randomString(20, "abcdefghijklmnopqrstuvwxyz234567")}`,
    ];
    for (let r = 0; r < 40; r++) {
      const lines: string[] = [];
      for (let i = 0; i < 60; i++) {
        const p = pieces();
        lines.push(Math.random() < 0.3 ? p[Math.floor(Math.random() * p.length)] : randomString(Math.floor(Math.random() * 120), "abc def=:\"'_-"));
      }
      const text = lines.join(Math.random() < 0.5 ? "\n" : "\r\n");
      const a = detect(windowed, text);
      expect(a).toEqual(detect(whole, text));
    }
  });

  it("keeps non-local rules on the whole text", () => {
    const rs = new RuleSet([rule("t-far", ["aws"], "\\b([A-Z2-7]{20})\\b")]);
    expect(rs.rules[0].extent).toBeNull();
    const key = randomString(20, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
    expect(detect(rs, `aws config\n${"filler line\n".repeat(5000)}${key}\n`)).toHaveLength(1);
  });
});

describe("toRegExp", () => {
  it("is what compile uses", () => {
    expect(toRegExp("(?i)abc").flags).toBe("i");
  });
});

describe("countCaptureGroups", () => {
  it("agrees with the regex engine on every rule and on tricky sources", async () => {
    const { countCaptureGroups } = await import("../../src/engine/compile.js");
    const sources = [...loadRules().flatMap((d) => [d.pattern, d.identity?.pattern ?? "x"]), "a(b)c", "(?:a)(b)", "(?<n>x)(?<=y)(?<!z)(?=q)", "\\(a\\)", "[(]x(y)", "[\\]](a)", "((a)|(b))"];
    for (const src of sources) {
      const re = toRegExp(src);
      expect(countCaptureGroups(re.source), src).toBe(new RegExp(`${re.source}|`, re.flags).exec("")!.length - 1);
    }
  });
});
