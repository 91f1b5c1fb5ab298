// Cloud and key-material rules working together in the full pack: pairs fold their key id, the most
// specific rule wins an overlap, and structural validators decide confidence. Credentials are generated here.
import { generateKeyPairSync, randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { loadRules } from "../../src/engine/rule-loader.js";
import { RuleSet } from "../../src/engine/compile.js";
import { detectText } from "../../src/engine/rule-examples.js";
import { encodeBech32 } from "../../src/engine/validators/bech32.js";
import { randomString } from "../helpers/tokens.js";

const defs = loadRules();
const pack = new RuleSet(defs);
const B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** A 40-character secret with upper, lower and digit, like AWS issues. */
function awsSecret(): string {
  for (;;) {
    const s = randomString(40, B64);
    if (/[a-z]/.test(s) && /[A-Z]/.test(s) && /[0-9]/.test(s)) return s;
  }
}

function pkcs8(): string {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
  return privateKey.export({ type: "pkcs8", format: "pem" }).toString();
}

const ruleIds = (text: string, path?: string) => detectText(pack, text, path).map((m) => m.ruleId);

describe("AWS rules", () => {
  it("reports a long-term key pair once, on the secret, with the key id as identity", () => {
    const id = `AKIA${randomString(16, B32)}`;
    const secret = awsSecret();
    const ms = detectText(pack, `[default]\naws_access_key_id = ${id}\naws_secret_access_key = ${secret}\n`);
    expect(ms).toHaveLength(1);
    expect(ms[0].secret).toBe(secret);
    expect(ms[0].identity).toBe(id);
    expect(defs.find((d) => d.id === ms[0].ruleId)?.lifetime?.maxSeconds).toBeNull();
  });

  it("marks ASIA pairs as STS credentials", () => {
    const id = `ASIA${randomString(16, B32)}`;
    const ms = detectText(pack, `export AWS_ACCESS_KEY_ID=${id}\nexport AWS_SECRET_ACCESS_KEY=${awsSecret()}\n`);
    const pair = ms.find((m) => m.identity === id)!;
    expect(pair.ruleId).toBe("aws-temporary-key-pair");
    expect(defs.find((d) => d.id === pair.ruleId)?.lifetime).toMatchObject({ kind: "sts" });
  });

  it("keeps a lone key id as its own finding and ignores the documented example pair", () => {
    expect(ruleIds(`role_key: AKIA${randomString(16, B32)}`)).toEqual(["aws-access-key-id"]);
    expect(ruleIds("aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")).toEqual([]);
  });
});

describe("key material", () => {
  it("reports a service-account key file as the GCP rule, not as a bare private key", () => {
    const sa = JSON.stringify({ type: "service_account", project_id: "p", private_key: pkcs8(), client_email: "ci@p.iam.gserviceaccount.com" }, null, 2);
    const ms = detectText(pack, sa, "sa.json");
    expect(ms.map((m) => m.ruleId)).toEqual(["gcp-service-account-key"]);
    expect(ms[0].identity).toBe("ci@p.iam.gserviceaccount.com");
  });

  it("finds a PEM key raw, JSON-escaped and base64-encoded", () => {
    const pem = pkcs8();
    expect(ruleIds(pem)).toEqual(["private-key-pem"]);
    expect(ruleIds(JSON.stringify({ key: pem }))).toEqual(["private-key-pem"]);
    expect(ruleIds(`KEY_B64=${Buffer.from(pem).toString("base64")}\n`)).toEqual(["private-key-pem-base64"]);
  });

  it("finds a base64-encoded service-account key file", () => {
    const sa = JSON.stringify({ type: "service_account", private_key: pkcs8() });
    expect(ruleIds(`GOOGLE_CREDENTIALS=${Buffer.from(sa).toString("base64")}\n`)).toEqual(["gcp-service-account-key-base64"]);
  });

  it("downgrades an age key whose bech32 checksum is wrong", () => {
    const key = encodeBech32("age-secret-key-", Array.from({ length: 52 }, () => randomInt(32))).toUpperCase();
    const good = detectText(pack, key);
    expect(good.map((m) => [m.ruleId, m.downgraded ?? false])).toEqual([["age-secret-key", false]]);
    const bad = key.slice(0, -1) + (key.endsWith("Q") ? "P" : "Q");
    expect(detectText(pack, bad).map((m) => m.downgraded)).toEqual([true]);
  });
});

describe("Kubernetes Secret manifests", () => {
  it("finds docker registry credentials inside a base64 .dockerconfigjson", () => {
    const auth = Buffer.from(`robot:${randomString(24)}`).toString("base64");
    const config = Buffer.from(JSON.stringify({ auths: { "registry.example.test": { auth } } })).toString("base64");
    const manifest = `apiVersion: v1\nkind: Secret\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: ${config}\n`;
    const ms = detectText(pack, manifest, "pull-secret.yaml");
    expect(ms.map((m) => m.ruleId)).toContain("docker-config-auth");
    expect(ms.find((m) => m.ruleId === "docker-config-auth")?.identity).toBe("registry.example.test");
  });
});
