// Checksum and structure validators for GitLab, Atlassian and Grafana credentials.
import { describe, expect, it } from "vitest";
import { isAtlassianDcPat, verifyAtlassianCrc32 } from "../../src/engine/validators/atlassian-checksum.js";
import { isGitlabRoutable, verifyGitlabToken } from "../../src/engine/validators/gitlab-routable.js";
import { isGrafanaApiKey, verifyGrafanaServiceToken } from "../../src/engine/validators/grafana-token.js";
import { isBase64BasicAuth as isBase64UserPass } from "../../src/engine/validators/base64-basic-auth.js";
import { validate } from "../../src/engine/validators/index.js";
import { randomString } from "../helpers/tokens.js";
import {
  atlassianApiToken,
  atlassianDcPat,
  bitbucketAppPassword,
  gitlabRoutableToken,
  grafanaApiKey,
  grafanaServiceAccountToken,
  tamper,
} from "../helpers/devplat-tokens.js";

describe("gitlab-routable", () => {
  it("accepts routable tokens of every prefix with a matching CRC", () => {
    for (const prefix of ["glpat-", "glrt-", "glcbt-", "glagent-", "acme-glpat-"]) {
      const t = gitlabRoutableToken(prefix);
      expect(isGitlabRoutable(t)).toBe(true);
      expect(verifyGitlabToken(t), t).toBe(true);
    }
  });

  it("rejects a routable token whose payload or CRC was changed", () => {
    const t = gitlabRoutableToken();
    expect(verifyGitlabToken(tamper(t, 10))).toBe(false);
    expect(verifyGitlabToken(t.slice(0, -1) + (t.endsWith("0") ? "1" : "0"))).toBe(false);
  });

  it("rejects a payload length that does not fit the token", () => {
    const t = gitlabRoutableToken();
    const broken = t.replace(/\.01\.[0-9a-z]{2}/, ".01.zz");
    expect(verifyGitlabToken(broken)).toBe(false);
  });

  it("passes legacy random tokens, which carry no checksum", () => {
    expect(verifyGitlabToken(`glpat-${randomString(20)}`)).toBe(true);
    expect(verifyGitlabToken("glpat-abc.def")).toBe(false);
  });
});

describe("atlassian-crc32", () => {
  it("accepts Cloud API tokens and app passwords with their CRC-32", () => {
    expect(verifyAtlassianCrc32(atlassianApiToken())).toBe(true);
    expect(verifyAtlassianCrc32(bitbucketAppPassword())).toBe(true);
    expect(validate("atlassian-crc32", bitbucketAppPassword())).toBe(true);
  });

  it("rejects tampered bodies and non-hex checksums", () => {
    expect(verifyAtlassianCrc32(tamper(atlassianApiToken(), 40))).toBe(false);
    expect(verifyAtlassianCrc32(tamper(bitbucketAppPassword(), 10))).toBe(false);
    expect(verifyAtlassianCrc32(`ATBB${randomString(24)}GHIJKLMN`)).toBe(false);
    expect(verifyAtlassianCrc32("ABCDEF12")).toBe(false);
  });
});

describe("atlassian-dc-pat", () => {
  it("accepts base64 of <digits>:<random bytes>, with or without BBDC-", () => {
    const t = atlassianDcPat();
    expect(t).toHaveLength(44);
    expect(isAtlassianDcPat(t)).toBe(true);
    expect(isAtlassianDcPat(`BBDC-${t}`)).toBe(true);
  });

  it("rejects other base64", () => {
    expect(isAtlassianDcPat(Buffer.from("this is not an atlassian token at all").toString("base64"))).toBe(false);
    expect(isAtlassianDcPat(Buffer.from("12ab:0123456789abcdefghij").toString("base64"))).toBe(false);
    expect(isAtlassianDcPat(Buffer.from("123:short").toString("base64"))).toBe(false);
    expect(isAtlassianDcPat("not base64 at all!")).toBe(false);
  });
});

describe("grafana validators", () => {
  it("verifies the service account token checksum", () => {
    const t = grafanaServiceAccountToken();
    expect(verifyGrafanaServiceToken(t)).toBe(true);
    expect(verifyGrafanaServiceToken(tamper(t, 8))).toBe(false);
    expect(verifyGrafanaServiceToken("glsa_short_00000000")).toBe(false);
  });

  it("recognises the legacy API key layout and not other {\"k\": JSON", () => {
    expect(isGrafanaApiKey(grafanaApiKey())).toBe(true);
    expect(isGrafanaApiKey(grafanaApiKey().replace(/=+$/, ""))).toBe(true);
    const powerBi = Buffer.from(JSON.stringify({ k: "73df1f5b-b596-4d45-95a7-14e3b5b45da5", t: "x" })).toString("base64");
    expect(isGrafanaApiKey(powerBi)).toBe(false);
    expect(isGrafanaApiKey("%%%")).toBe(false);
  });
});

describe("base64-userpass", () => {
  it("accepts base64 of user:password", () => {
    expect(isBase64UserPass(Buffer.from("deploy:F7qh-92xb-Tp4m").toString("base64"))).toBe(true);
    expect(validate("base64-basic-auth", Buffer.from("ci-bot:sWe9qL2mPv8c").toString("base64"))).toBe(true);
  });

  it("rejects identifiers, random bytes and values without a password", () => {
    expect(isBase64UserPass("base64encodedvalue")).toBe(false);
    expect(isBase64UserPass(Buffer.from("no colon here at all").toString("base64"))).toBe(false);
    expect(isBase64UserPass(Buffer.from("user:").toString("base64"))).toBe(false);
    expect(isBase64UserPass(Buffer.from([0x01, 0x3a, 0xff, 0xfe, 0x10, 0x20, 0x30, 0x40, 0x50]).toString("base64"))).toBe(false);
  });
});

describe("gitlab-routable on JWT job tokens", () => {
  it("accepts glcbt- followed by a JWT and rejects broken ones", () => {
    const seg = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
    const jwt = `${seg({ alg: "RS256", typ: "JWT" })}.${seg({ o: "1", p: "42", exp: 1700003600 })}.${randomString(86)}`;
    expect(verifyGitlabToken(`glcbt-${jwt}`)).toBe(true);
    expect(verifyGitlabToken(`glcbt-eyJub3QganNvbg.eyJub3QganNvbg.${randomString(20)}`)).toBe(false);
  });
});
