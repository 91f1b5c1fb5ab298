// The official OWASP Non-Human Identities Top 10 (2025) ids and titles, written exactly as OWASP
// writes them. Long-Lived Secrets is NHI7:2025; NHI3:2025 is Vulnerable Third-Party NHI.
import type { NhiRef } from "../../model.js";

export const NHI_TITLES = {
  "NHI1:2025": "Improper Offboarding",
  "NHI2:2025": "Secret Leakage",
  "NHI3:2025": "Vulnerable Third-Party NHI",
  "NHI4:2025": "Insecure Authentication",
  "NHI5:2025": "Overprivileged NHI",
  "NHI6:2025": "Insecure Cloud Deployment Configurations",
  "NHI7:2025": "Long-Lived Secrets",
  "NHI8:2025": "Environment Isolation",
  "NHI9:2025": "NHI Reuse",
  "NHI10:2025": "Human Use of NHI",
} as const;

export type NhiId = keyof typeof NHI_TITLES;
export const NHI_IDS = Object.keys(NHI_TITLES) as NhiId[];

/** The number in an id ("NHI7:2025" -> 7), for ordering. */
export function nhiNumber(id: string): number {
  return Number(/^NHI(\d+):/.exec(id)?.[1] ?? 99);
}

/** The reference object reports carry for an id. */
export function nhiRef(id: NhiId): NhiRef {
  return { id, title: NHI_TITLES[id] };
}
