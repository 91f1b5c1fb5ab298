// `nhi-scan jwt [TOKEN|-]`: decode one token and explain it: header, non-secret claims, issuer, times
// in UTC and relative to now, lifetime against the policy, verdict. Never prints the signature.
import { Command, Option } from "commander";
import { readStdin } from "../sources/stdin.js";
import { classificationFor, ClassifyLoadError, type EnrichOptions } from "../enrich/index.js";
import { explainJwt, JwtExplainError, type JwtExplanation } from "../enrich/jwt-explain.js";
import { formatDuration, formatExactDuration, relativeTo, utcInstant } from "../util/duration.js";
import { parseInstant } from "../util/units.js";
import { ConfigError, findConfig, loadConfig } from "./config.js";
import { writeStdout } from "./emit.js";
import { EXIT_CLEAN, UsageError } from "./errors.js";

interface JwtFlags {
  now?: string;
  taskEnd?: string;
  context?: string;
  config?: string;
  format?: string;
}

const MAX_INPUT = 1 << 20;

function instant(v: string | undefined, name: string): Date | null {
  if (v === undefined) return null;
  const d = parseInstant(v);
  if (!d) throw new UsageError(`invalid ${name} "${v}" (expected an ISO-8601 time such as 2026-11-21T10:00:00Z)`);
  return d;
}

function row(label: string, value: string): string {
  return `  ${label.padEnd(12)} ${value}`;
}

function show(v: unknown): string {
  if (v === true) return "present (value withheld)";
  if (Array.isArray(v)) return v.map(String).join(", ");
  if (v && typeof v === "object") return Object.entries(v).map(([k, x]) => `${k}=${String(x)}`).join(", ");
  return String(v);
}

/** The text explanation of a token. */
export function renderJwtText(e: JwtExplanation, now: Date): string {
  const lt = e.lifetime;
  const out: string[] = ["Header"];
  for (const [k, v] of Object.entries(e.header)) out.push(row(k, show(v)));
  out.push("Claims (non-secret)");
  const claims = Object.entries(e.claims);
  if (!claims.length) out.push("  (none of the identifying claims)");
  for (const [k, v] of claims) out.push(row(k, show(v)));
  if (e.withheldClaims.length) out.push(row("withheld", `${e.withheldClaims.join(", ")} (values not shown)`));
  out.push(`Issuer: ${e.issuer ? `${e.issuer.label} (usually ${e.issuer.typical})` : "not a well-known issuer"}`);
  out.push(`Times (UTC; now ${utcInstant(now.toISOString())})`);
  const time = (label: string, iso: string | null, missing: string) => out.push(row(label, iso ? `${utcInstant(iso)} (${relativeTo(iso, now)})` : missing));
  time("issued", lt.issuedAt, "no iat claim");
  time("not before", lt.notBefore, "no nbf claim");
  time("expires", lt.expiresAt, lt.expiresAt === null ? `never (${lt.basis})` : "");
  const max = formatExactDuration(e.policy.maxSeconds);
  const judged = e.policy.exceeds ? "above" : "within";
  if (lt.lifetimeSeconds !== null) {
    out.push(`Lifetime: ${formatDuration(lt.lifetimeSeconds)} (exp - iat); ${judged} the ${e.policy.context} policy maximum of ${max}`);
  } else if (lt.expiresAt === null) {
    out.push(`Lifetime: unlimited; above the ${e.policy.context} policy maximum of ${max}`);
  } else {
    out.push(`Lifetime: unknown without iat; ${judged} the ${e.policy.context} policy maximum of ${max} on the evidence of its expiry`);
  }
  if (lt.taskEnd) {
    out.push(
      `Task: ended ${utcInstant(lt.taskEnd)}; ` +
        (lt.outlivesTask ? (lt.residualSeconds !== null ? `the token outlived it by ${formatDuration(lt.residualSeconds)}` : "the token outlives it forever") : "the token expired before it ended"),
    );
  }
  out.push(`Signature: ${e.signature.length} characters, not shown, not verified${e.signature.length === 0 ? " (unsecured token)" : ""}`);
  out.push(`Verdict: ${e.verdict.join(", ")}`);
  for (const n of e.nhi) out.push(`  ${n.id} ${n.title}: ${e.rationale[n.id]}`);
  return `${out.join("\n")}\n`;
}

/** Build the `jwt` command. */
export function jwtCommand(setExit: (code: number) => void): Command {
  return new Command("jwt")
    .description("decode one JWT (argument, or stdin with - or no argument) and explain its lifetime and risks; never prints the signature")
    .argument("[token]", "the token; - or nothing reads stdin")
    .option("--now <iso>", "the clock to judge expiry against (default: the system clock)")
    .option("--task-end <iso|now>", "when the task that used the token ended")
    .option("--context <name>", "policy context to judge the lifetime against (agent, ci, default; default: chosen from the token)")
    .option("-c, --config <file>", "configuration file for policy.maxLifetime and classify.dirs (default: .nhi-scan.yaml here)")
    .addOption(new Option("-f, --format <format>", "text or json").choices(["text", "json"]).default("text"))
    .action(async (token: string | undefined, flags: JwtFlags) => {
      const now = instant(flags.now, "--now") ?? new Date();
      const taskEnd = flags.taskEnd === "now" ? now : instant(flags.taskEnd, "--task-end");
      let text = token;
      if (text === undefined || text === "-") {
        const buf = await readStdin();
        if (buf.length > MAX_INPUT) throw new UsageError(`input too large for one token (${buf.length} bytes)`);
        text = buf.toString("utf8");
      }
      let opts: EnrichOptions;
      try {
        const { config } = loadConfig(flags.config ?? findConfig(["."]));
        opts = { now, taskEnd, policy: config.policy?.maxLifetime, classifyDirs: config.classify?.dirs ?? [] };
      } catch (e) {
        if (e instanceof ConfigError) throw new UsageError(e.message);
        throw e;
      }
      let explanation: JwtExplanation;
      try {
        explanation = explainJwt(text, classificationFor(opts), { now, taskEnd, context: flags.context });
      } catch (e) {
        if (e instanceof JwtExplainError || e instanceof ClassifyLoadError) throw new UsageError(e.message);
        throw e;
      }
      await writeStdout(flags.format === "json" ? `${JSON.stringify(explanation, null, 2)}\n` : renderJwtText(explanation, now));
      setExit(EXIT_CLEAN);
    })
    .exitOverride();
}
