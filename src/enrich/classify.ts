// OWASP NHI Top 10 classification of findings.
import type { Finding } from "../model.js";

/** Attach NHI ids to every finding. */
export function classifyAll(findings: Finding[]): void {
  for (const f of findings) f.nhi = [{ id: "NHI2:2025", title: "Secret Leakage" }];
}
