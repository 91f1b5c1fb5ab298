// Behaviour of the generic and structural rule families over the whole pack: values generated at
// test time are found with the right secret and identity, specific rules win over generic ones, and
// realistic non-secrets (lookups, templates, lock files, code) stay quiet.
import { describe, expect, it } from "vitest";
import { loadRules } from "../../src/engine/rule-loader.js";
import { RuleSet } from "../../src/engine/compile.js";
import { detectText } from "../../src/engine/rule-examples.js";
import { validate } from "../../src/engine/validators/index.js";
import { githubToken, randomString } from "../helpers/tokens.js";

const pack = new RuleSet(loadRules());
const scan = (text: string, path?: string) => detectText(pack, text, path);
const ruleIds = (text: string, path?: string) => scan(text, path).map((m) => m.ruleId);

const LOWER = "abcdefghijklmnopqrstuvwxyz";
const DIGITS = "0123456789";
/** A random token that certainly has letters and digits and no placeholder-like run. */
function token(n = 32): string {
  for (;;) {
    const t = randomString(n - 2) + randomString(1, LOWER) + randomString(1, DIGITS);
    if (!/(.)\1{3}|0123|1234|abcd|a1b2|asdf|qwer/i.test(t)) return t;
  }
}
/** A password-like value: words, digits and a symbol. */
function password(): string {
  return `${randomString(5, LOWER)}-${randomString(3, DIGITS)}!${randomString(4, LOWER).toUpperCase()}`;
}
const b64url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");

describe("generic secret assignments", () => {
  it.each([
    (v: string) => `API_KEY=${v}`,
    (v: string) => `export SERVICE_TOKEN="${v}"`,
    (v: string) => `  client_secret: '${v}'`,
    (v: string) => `"apiKey": "${v}",`,
    (v: string) => `private static final String ACCESS_KEY = "${v}";`,
    (v: string) => `define('AUTH_KEY', '${v}');`,
    (v: string) => `headers["X-Api-Key"] = "${v}"`,
  ])("finds a random value in form %#", (form) => {
    const v = token();
    const found = scan(form(v));
    expect(found.map((m) => m.secret)).toContain(v);
  });

  it("lets a provider rule win over the generic rule on the same bytes", () => {
    const t = githubToken();
    expect(ruleIds(`GITHUB_TOKEN="${t}"`)).toEqual(["github-pat-classic"]);
  });

  it.each([
    "API_KEY=${API_KEY}",
    "api_key = os.environ['API_KEY']",
    "token = process.env.GITHUB_TOKEN",
    "secret: {{ .Values.secret }}",
    "const token = crypto.randomBytes(32).toString('hex')",
    'tokenUrl: "https://login.example.test/oauth2/v2.0/token"',
    "secretKeyRef:",
    "SECRET_KEY_FILE=/run/secrets/secret_key",
    "auth: true",
    'token_type: "Bearer"',
    "access_key_id = 'c9b1f6de-5a0e-4b7d-9a3c-2f81e4d07b65'",
    'secret = "ThisIsNotARandomValue"',
    "image: registry.example.test/app@sha256:4f2e8c1a9b7d3e6f0a5c2b8d1e4f7a0c3b6d9e2f5a8c1b4d7e0a3f6c9b2e5d8a1",
  ])("stays quiet on %s", (line) => {
    expect(ruleIds(line)).toEqual([]);
  });

  it("skips lock files", () => {
    const lock = JSON.stringify({ packages: { "node_modules/x": { resolved: "https://registry.example.test/x.tgz", integrity: `sha512-${token(64)}==`, token: token() } } }, null, 2);
    expect(ruleIds(lock, "package-lock.json")).toEqual([]);
  });
});

describe("generic passwords", () => {
  it("finds quoted password literals with the user as identity", () => {
    const pw = password();
    const [m] = scan(`{"username": "svc-report", "password": "${pw}"}`);
    expect(m.ruleId).toBe("generic-password-assignment");
    expect(m.secret).toBe(pw);
    expect(m.identity).toBe("svc-report");
  });

  it("reads unquoted values in configuration files but not in source code", () => {
    const pw = password();
    expect(scan(`[db]\nuser = app\npassword = ${pw}\n`, "config/app.ini").map((m) => m.secret)).toEqual([pw]);
    expect(ruleIds(`password = ${pw.replace(/[-!]/g, "_")}\n`, "src/app.py")).toEqual([]);
  });

  it.each([
    'password = os.getenv("DB_PASSWORD")',
    "password: ${DB_PASSWORD}",
    'password = "********"',
    'passwordLabel = "Password:"',
    "password = request.form['password']",
    'msg = "Password: " + user.password',
    '"minipass": "^7.0.4"',
    "passwd:         files systemd",
    "<password>${env.DEPLOY_PASSWORD}</password>",
  ])("stays quiet on %s", (line) => {
    expect(ruleIds(line)).toEqual([]);
  });
});

describe("HTTP authorization headers", () => {
  it("decodes Basic credentials and rejects placeholders", () => {
    const value = Buffer.from(`deployer:${password()}`).toString("base64");
    expect(ruleIds(`Authorization: Basic ${value}`)).toEqual(["http-basic-auth-header"]);
    expect(ruleIds(`Authorization: Basic ${Buffer.from("user:password").toString("base64")}`)).toEqual([]);
  });

  it("accepts only canonical base64 of a printable pair", () => {
    const good = Buffer.from(`bob:${password()}`).toString("base64");
    expect(validate("base64-basic-auth", good)).toBe(true);
    // "Authentication" decodes (leniently) to binary; a value with stray padding bits is not what an encoder writes.
    expect(validate("base64-basic-auth", "Authentication")).toBe(false);
    // 13 bytes: the last character carries 2 data bits and 4 zero padding bits; setting one padding bit
    // decodes to the same bytes but is not canonical.
    const unpadded = Buffer.from("bob:hunter-22").toString("base64").replace(/=+$/, "");
    const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const tweaked = unpadded.slice(0, -1) + ALPHABET[ALPHABET.indexOf(unpadded.at(-1)!) + 1];
    expect(Buffer.from(tweaked, "base64").toString()).toBe("bob:hunter-22");
    expect(validate("base64-basic-auth", unpadded)).toBe(true);
    expect(validate("base64-basic-auth", tweaked)).toBe(false);
  });

  it("finds bearer tokens but prefers a JWT rule for a JWT", () => {
    const t = token(40);
    expect(scan(`curl -H "Authorization: Bearer ${t}" https://api.example.test`).map((m) => m.secret)).toEqual([t]);
    const jwt = `${b64url({ alg: "RS256", typ: "JWT" })}.${b64url({ sub: `svc-${randomString(6)}`, exp: 1900000000 })}.${randomString(43)}`;
    expect(ruleIds(`Authorization: Bearer ${jwt}`)).toEqual(["jwt"]);
  });
});

describe("JWTs", () => {
  it("requires JSON header and payload", () => {
    const sig = randomString(43);
    expect(ruleIds(`${b64url({ alg: "HS256" })}.${b64url({ sub: "x" })}.${sig}`)).toEqual(["jwt"]);
    expect(ruleIds(`eyJ${randomString(30)}.${randomString(40)}.${sig}`)).toEqual([]);
  });

  it("reports a service_role token with the service-role rule only", () => {
    const jwt = `${b64url({ alg: "HS256", typ: "JWT" })}.${b64url({ iss: "supabase", ref: randomString(20, LOWER), role: "service_role", exp: 2000000000 })}.${randomString(43)}`;
    expect(ruleIds(`SUPABASE_KEY=${jwt}`)).toEqual(["supabase-service-role-jwt"]);
    const anon = jwt.replace(/\.[^.]+\./, `.${b64url({ iss: "supabase", role: "anon" })}.`);
    expect(ruleIds(`SUPABASE_KEY=${anon}`)).toEqual(["jwt"]);
  });
});

describe("database connection strings", () => {
  it("reports the password with the user as identity and the host as context", () => {
    const pw = password();
    const [m] = scan(`DATABASE_URL=postgres://app_rw:${pw}@db.internal.test:5432/orders`);
    expect(m).toMatchObject({ ruleId: "postgres-connection-uri", secret: pw, identity: "app_rw", groups: { host: "db.internal.test" } });
  });

  it("accepts weak default passwords in the unambiguous slot, but not templates or the slot's name", () => {
    expect(scan("mysql://root:secret@127.0.0.1/app").map((m) => m.secret)).toEqual(["secret"]);
    expect(ruleIds("mysql://root:password@127.0.0.1/app")).toEqual([]);
    expect(ruleIds("mysql://root:${MYSQL_PASSWORD}@db/app")).toEqual([]);
    expect(ruleIds('dsn = f"postgresql://{user}:{password}@{host}/db"')).toEqual([]);
  });

  it("finds ADO.NET passwords whichever side of the server key they are on", () => {
    const pw = password();
    for (const cs of [`Server=sql01;Database=erp;User Id=erp;Password=${pw};`, `Password=${pw};User ID=erp;Data Source=sql01`]) {
      const [m] = scan(cs);
      expect(m.ruleId).toBe("adonet-connection-string-password");
      expect(m.secret).toBe(pw);
      expect(m.identity).toBe("erp");
    }
  });
});

describe("command lines and structured files", () => {
  it("finds curl, docker login and psexec passwords", () => {
    const pw = password();
    expect(scan(`curl -u deployer:${pw} https://nexus.example.test`)[0]).toMatchObject({ ruleId: "curl-user-password", secret: pw, identity: "deployer" });
    expect(scan(`docker login -u ci -p ${pw} registry.example.test`)[0]).toMatchObject({ ruleId: "container-registry-login-password", secret: pw });
    expect(scan(`psexec \\\\host -u CORP\\admin -p ${pw} cmd`)[0]).toMatchObject({ ruleId: "psexec-credentials", secret: pw });
    expect(ruleIds('echo "$PW" | docker login -u ci --password-stdin registry.example.test')).toEqual([]);
  });

  it("attributes shadow and htpasswd hashes to their account", () => {
    const hash = `$6$${randomString(8)}$${randomString(86, "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")}`;
    const [m] = scan(`root:x:0:0\nsvc-backup:${hash}:19700:0:99999:7:::\n`);
    expect(m).toMatchObject({ ruleId: "sha-crypt-password-hash", secret: hash, identity: "svc-backup" });
  });

  it("reads netrc entries across lines", () => {
    const pw = password();
    const [m] = scan(`machine api.example.test\n  login ci-bot\n  password ${pw}\n`);
    expect(m).toMatchObject({ ruleId: "netrc-credentials", secret: pw, identity: "ci-bot" });
  });
});
