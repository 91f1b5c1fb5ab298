// Expiry of Azure shared access signatures: `se` (signed expiry) and `st` (signed start), ISO-8601
// UTC, URL-encoded (Storage), or `se` in epoch seconds (Service Bus, Event Hubs, IoT Hub). A SAS bound to a stored access policy (`si` without `se`) keeps its expiry on the
// server, so nothing can be read offline.
import type { LifetimeReading } from "./reading.js";
import { parseEpochSeconds, parseIsoInstant } from "./time.js";

/** The lifetime of an Azure SAS from its parameters; null if it is none or has no readable `se`. */
export function sasLifetime(p: Map<string, string>): LifetimeReading | null {
  if (!p.has("sig") || !(p.has("sv") || p.has("sr") || p.has("ss") || p.has("sp"))) return null;
  const se = p.get("se");
  if (se === undefined) return null;
  // Service Bus, Event Hubs and IoT Hub tokens give `se` in epoch seconds.
  const epoch = /^\d{9,11}$/.test(se);
  const exp = epoch ? parseEpochSeconds(se) : parseIsoInstant(se);
  if (exp === null) return null;
  const st = p.has("st") ? parseIsoInstant(p.get("st")!) : null;
  return {
    kind: "sas",
    basis: epoch ? "se (Azure Service Bus / Event Hubs SAS expiry, epoch seconds)" : st !== null ? "st + se (Azure SAS start and expiry)" : "se (Azure SAS expiry)",
    issuedAt: st,
    notBefore: st,
    expiresAt: exp,
    neverExpires: false,
  };
}
