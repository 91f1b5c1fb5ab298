// Cross-rule behaviour of the SaaS, AI-provider, payment and IoT rule families through the whole pack:
// which rule wins where prefixes are shared, what becomes the identity of a pair, and which public or
// structural look-alikes must stay silent. Tokens are generated here, never checked in.
import { describe, expect, it } from "vitest";
import { loadRules } from "../../src/engine/rule-loader.js";
import { RuleSet } from "../../src/engine/compile.js";
import { detectText } from "../../src/engine/rule-examples.js";
import { randomString } from "../helpers/tokens.js";

const defs = loadRules();
const pack = new RuleSet(defs);
const byId = new Map(defs.map((d) => [d.id, d]));

const HEX = "0123456789abcdef";
const B64U = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
const b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const uuid = () => [8, 4, 4, 4, 12].map((n) => randomString(n, HEX)).join("-");

// The families these tests cover; other families' rules (generic ones included) are filtered out so
// the assertions do not depend on rule files maintained elsewhere.
const FAMILIES = new Set(
  ("adafruit adobe algolia anthropic blynk braintree brevo clerk cohere contentful deepseek discord " +
    "dropbox elevenlabs facebook figma firecrawl fireworks flutterwave gitalk groq hubspot huggingface intercom " +
    "jina kagi langsmith linkedin mailchimp mailersend mailgun mailjet mapbox microsoft-teams mistral nasa " +
    "openai openrouter particle-io paypal perplexity pinecone plaid postmark razorpay replicate resend " +
    "salesforce segment sendgrid shippo shopify slack square stripe tavily telegram thingsboard together twilio " +
    "twitch twitter typeform woocommerce xai zendesk zapier ifttt google-chat feishu dingtalk wecom langfuse nvidia " +
    "wandb serpapi e2b modal").split(" "),
);

function scan(text: string, path = "config.env") {
  return detectText(pack, text, path).filter((m) => FAMILIES.has(byId.get(m.ruleId)?.family ?? ""));
}
function ruleIds(text: string, path?: string): string[] {
  return scan(text, path).map((m) => m.ruleId);
}

describe("publishable and public keys stay silent", () => {
  it("reports a Stripe secret key but not the publishable key next to it", () => {
    const pk = `pk_live_${randomString(99)}`;
    const sk = `sk_live_${randomString(99)}`;
    const ms = scan(`STRIPE_PUBLISHABLE_KEY=${pk}\nSTRIPE_SECRET_KEY=${sk}\n`);
    expect(ms.map((m) => m.secret)).toEqual([sk]);
    expect(ms[0].ruleId).toBe("stripe-live-secret-key");
  });

  it("reports Mapbox sk. and tk. tokens but not pk. tokens", () => {
    const body = () => `eyJ1Ijoi${randomString(16)}IiwiYSI6I${randomString(24)}In0.${randomString(22, B64U)}`;
    expect(ruleIds(`mapboxgl.accessToken = 'pk.${body()}';`)).toEqual([]);
    expect(ruleIds(`MAPBOX_TOKEN=sk.${body()}`)).toEqual(["mapbox-secret-token"]);
    expect(ruleIds(`token: tk.${body()}`)).toEqual(["mapbox-temporary-token"]);
  });

  it("does not report Mailgun public validation keys or Flutterwave public keys", () => {
    expect(ruleIds(`MAILGUN_PUBLIC_KEY=pubkey-${randomString(32, HEX)}`)).toEqual([]);
    expect(ruleIds(`FLW_PUBLIC_KEY=FLWPUBK-${randomString(32, HEX)}-X`)).toEqual([]);
  });
});

describe("shared prefixes go to the right provider", () => {
  it("gives a CLERK_SECRET_KEY to Clerk and a bare sk_live_ to Stripe", () => {
    const key = `sk_live_${randomString(40)}`;
    expect(ruleIds(`CLERK_SECRET_KEY=${key}`)).toEqual(["clerk-secret-key"]);
    expect(ruleIds(`secret = "${key}"`)).toEqual(["stripe-live-secret-key"]);
  });

  it("tells OpenAI project keys from legacy keys by prefix, with the org id as identity", () => {
    const org = `org-${randomString(24)}`;
    const proj = `sk-proj-${randomString(74, B64U)}T3BlbkFJ${randomString(74, B64U)}`;
    const legacy = `sk-${randomString(20)}T3BlbkFJ${randomString(20)}`;
    const ms = scan(`OPENAI_ORG_ID=${org}\nOPENAI_API_KEY=${proj}\nOLD_KEY=${legacy}\n`);
    expect(ms.map((m) => [m.ruleId, m.secret])).toEqual([
      ["openai-project-key", proj],
      ["openai-legacy-key", legacy],
    ]);
    expect(ms[0].identity).toBe(org);
  });

  it("only reports a bare sk- + 32 hex key when the file names DeepSeek", () => {
    const key = `sk-${randomString(32, HEX)}`;
    expect(ruleIds(`API_KEY=${key}`)).toEqual([]);
    expect(ruleIds(`# deepseek\nAPI_KEY=${key}`)).toEqual(["deepseek-api-key"]);
  });

  it("keeps Square access tokens (64 characters) apart from Meta access tokens (EAA..., longer)", () => {
    expect(ruleIds(`SQUARE_ACCESS_TOKEN=EAAA${randomString(60, B64U)}`)).toEqual(["square-access-token"]);
    expect(ruleIds(`FB_TOKEN=EAAG${randomString(150)}`)).toEqual(["facebook-access-token"]);
  });
});

describe("pairs keep the non-secret half as identity", () => {
  it("reports a Twilio auth token with its account SID, and the SID alone not at all", () => {
    const sid = `AC${randomString(32, HEX)}`;
    const token = randomString(32, HEX);
    const ms = scan(`TWILIO_ACCOUNT_SID=${sid}\nTWILIO_AUTH_TOKEN=${token}\n`);
    expect(ms.map((m) => [m.ruleId, m.secret, m.identity])).toEqual([["twilio-auth-token", token, sid]]);
    expect(scan(`TWILIO_ACCOUNT_SID=${sid}\n`)).toEqual([]);
  });

  it("splits a Twilio API key SID:secret pair into identity and secret", () => {
    const sid = `SK${randomString(32, HEX)}`;
    const secret = randomString(32);
    const ms = scan(`curl https://api.twilio.com/2010-04-01/Accounts.json -u ${sid}:${secret}`);
    expect(ms.map((m) => [m.ruleId, m.secret, m.identity])).toEqual([["twilio-api-key-pair", secret, sid]]);
  });

  it("splits a Blynk OAuth2 client id and secret", () => {
    const id = `oa2-client-id_${randomString(32, B64U)}`;
    const secret = randomString(40);
    const ms = scan(`curl -X POST -u ${id}:${secret} https://fra1.blynk.cloud/oauth2/token?grant_type=client_credentials`);
    expect(ms.map((m) => [m.ruleId, m.secret, m.identity])).toEqual([["blynk-oauth-client-secret", secret, id]]);
  });
});

describe("webhook URLs are reported whole", () => {
  it("captures the full Slack and Teams webhook URLs as the secret", () => {
    const slack = `https://hooks.slack.com/services/T0${randomString(9, "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789")}/B0${randomString(9, "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789")}/${randomString(24)}`;
    const teams = `https://prod-12.westeurope.logic.azure.com:443/workflows/${randomString(32, HEX)}/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=${randomString(43, B64U)}`;
    const ms = scan(`SLACK_WEBHOOK=${slack}\nTEAMS_WEBHOOK=${teams}\n`);
    expect(ms.map((m) => [m.ruleId, m.secret])).toEqual([
      ["slack-incoming-webhook", slack],
      ["microsoft-teams-workflow-webhook", teams],
    ]);
  });

  it("stays silent on a Teams workflow URL without its sig= signature", () => {
    const url = `https://prod-12.westeurope.logic.azure.com/workflows/${randomString(32, HEX)}/triggers/manual/paths/invoke?api-version=2016-06-01`;
    expect(ruleIds(`url: ${url}`)).toEqual([]);
  });
});

describe("structural look-alikes", () => {
  it("does not take a line of a base64 block for a Square or X bearer token", () => {
    const line = () => randomString(64, b64).replace(/[+/]/g, "x");
    const pem = ["-----BEGIN CERTIFICATE-----", line(), `EAAA${randomString(60)}`, `AAAAAAAAAAAAAAAAAAAAA${randomString(43)}`, line(), "-----END CERTIFICATE-----"].join("\n");
    expect(scan(pem, "cert.pem").filter((m) => m.ruleId === "square-access-token" || m.ruleId === "twitter-bearer-token")).toEqual([]);
  });

  it("does not read a short prefix inside a base64url hash as a token", () => {
    const hash = `${randomString(20, B64U)}-fw_${randomString(36)}`;
    expect(ruleIds(`pip/_internal/cli.py,sha256=${hash},1234`, "RECORD")).toEqual([]);
  });

  it("reports a Telegram bot token only when its secret part has BotFather's shape or a Telegram name", () => {
    const botId = randomString(10, "0123456789").replace(/^0/, "7");
    expect(ruleIds(`${botId}:AA${randomString(33, B64U)}`)).toEqual(["telegram-bot-token"]);
    expect(ruleIds(`id=${botId}:${randomString(35, B64U).replace(/^AA/, "Qz")}`)).toEqual([]);
    expect(ruleIds(`TELEGRAM_BOT_TOKEN=${botId}:${randomString(35, B64U).replace(/^AA/, "Qz")}`)).toEqual(["telegram-bot-token-named"]);
  });

  it("finds a Particle token in a curl call whichever side of the URL it is on, but not a bare 40-hex value", () => {
    const token = randomString(40, HEX);
    expect(ruleIds(`curl -H "Authorization: Bearer ${token}" https://api.particle.io/v1/devices`)).toEqual(["particle-access-token"]);
    expect(ruleIds(`curl https://api.particle.io/v1/devices -d access_token=${token}`)).toEqual(["particle-access-token"]);
    expect(ruleIds(`commit ${token} touched particle firmware`)).toEqual([]);
  });

  it("ignores Postmark message ids while reporting server tokens", () => {
    const token = uuid();
    expect(ruleIds(`"postmark_message_id": "${uuid()}"`)).toEqual([]);
    expect(ruleIds(`"X-Postmark-Server-Token": "${token}"`)).toEqual(["postmark-api-token"]);
  });
});

describe("rule metadata", () => {
  it("tags AI-provider rules and gives fixed lifetimes only to kinds that fix them", () => {
    for (const id of ["openai-project-key", "anthropic-api-key", "huggingface-access-token", "groq-api-key", "tavily-api-key", "kagi-api-token"]) {
      expect(byId.get(id)?.tags, id).toContain("ai-provider");
    }
    expect(byId.get("slack-rotating-token")?.lifetime?.maxSeconds).toBe(12 * 3600);
    expect(byId.get("dropbox-short-lived-token")?.lifetime?.maxSeconds).toBe(4 * 3600);
    expect(byId.get("mapbox-temporary-token")?.lifetime?.maxSeconds).toBe(3600);
    expect(byId.get("slack-bot-token")?.lifetime).toBeUndefined();
  });

  it("marks Anthropic OAuth tokens as short-lived and refresh tokens", () => {
    expect(byId.get("anthropic-oauth-access-token")?.tags).toEqual(expect.arrayContaining(["oauth", "short-lived"]));
    expect(byId.get("anthropic-oauth-refresh-token")?.tags).toEqual(expect.arrayContaining(["oauth", "refresh-token"]));
  });

  it("gives every rule of these families references, a remediation and negative examples", () => {
    const ours = defs.filter((d) => FAMILIES.has(d.family));
    expect(new Set(ours.map((d) => d.family))).toEqual(FAMILIES);
    for (const d of ours) {
      expect(d.references.length, d.id).toBeGreaterThan(0);
      expect(d.remediation, d.id).toBeTruthy();
      expect(d.negativeExamples.length, d.id).toBeGreaterThan(0);
    }
  });
});
