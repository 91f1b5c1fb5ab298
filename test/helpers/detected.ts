// Builds DetectedItems (finding + match + rule) the way the detection stage hands them to enrich.
import { RuleSchema, type RuleDef } from "../../src/engine/rule-schema.js";
import { buildFinding } from "../../src/enrich/finding.js";
import type { DetectedItem } from "../../src/enrich/index.js";
import type { Match, Origin, SourceKind, TaskWindow } from "../../src/model.js";

/** A rule definition with defaults for everything not given. */
export function testRule(over: Record<string, unknown> = {}): RuleDef {
  const def = RuleSchema.parse({
    id: "test-rule",
    name: "Test rule",
    description: "A rule for tests.",
    keywords: ["xx"],
    pattern: "xx",
    severity: "high",
    confidence: "high",
    examples: ["xx"],
    ...over,
  });
  return { ...def, family: (over.family as string) ?? "test" };
}

export interface ItemOptions {
  rule?: RuleDef;
  path?: string;
  target?: string;
  kind?: SourceKind;
  identity?: string;
  groups?: Record<string, string>;
  taskWindow?: TaskWindow;
  context?: Record<string, string | number | boolean>;
  artifact?: string;
  presentAtHead?: boolean;
  commit?: string;
  date?: string;
  line?: number;
}

/** One detected secret at one place. */
export function detected(secret: string, o: ItemOptions = {}): DetectedItem {
  const rule = o.rule ?? testRule();
  const origin: Origin = { kind: o.kind ?? "file", target: o.target ?? ".", path: o.path ?? "config/app.env" };
  if (origin.kind === "git") {
    origin.commit = o.commit ?? "0123456789abcdef0123456789abcdef01234567";
    origin.author = "dev";
    origin.date = o.date ?? "2026-01-01T00:00:00Z";
    origin.presentAtHead = o.presentAtHead ?? true;
  }
  const line = o.line ?? 1;
  const match: Match = {
    ruleId: rule.id,
    secret,
    identity: o.identity,
    start: 0,
    end: secret.length,
    startPos: { line, column: 1 },
    endPos: { line, column: secret.length + 1 },
    artifact: o.artifact ?? "plain",
    layer: "raw",
    taskWindow: o.taskWindow,
    context: o.context,
    groups: o.groups,
  };
  return { finding: buildFinding(match, origin, rule, false), match, rule };
}
