// Turns zod issues into one readable line per problem, naming the key path the user must fix.
import type { z } from "zod";

/** Render a key path the way a user writes it in YAML: rules[3].pattern */
export function formatKeyPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out || "(root)";
}

/** One line per issue: "key.path: message". Unknown keys are named individually. */
export function formatZodIssues(issues: readonly z.core.$ZodIssue[], _doc?: unknown): string {
  const lines: string[] = [];
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      for (const k of issue.keys) lines.push(`${formatKeyPath([...issue.path, k])}: unknown key`);
    } else {
      lines.push(`${formatKeyPath(issue.path)}: ${issue.message}`);
    }
  }
  return lines.join("; ");
}
