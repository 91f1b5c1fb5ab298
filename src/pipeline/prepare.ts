// Extractors may need an asynchronous set-up (a WASM module) before they run; every thread that
// scans (the main thread and each worker) calls this once.
import * as extract from "../extract/index.js";

let prepared: Promise<void> | null = null;

/** Run the extract stage's `prepareExtractors()` once per thread, when the stage has one. */
export function prepareExtractorsIfAny(): Promise<void> {
  const fn = (extract as unknown as { prepareExtractors?: () => Promise<void> | void }).prepareExtractors;
  prepared ??= Promise.resolve(typeof fn === "function" ? fn() : undefined);
  return prepared;
}
