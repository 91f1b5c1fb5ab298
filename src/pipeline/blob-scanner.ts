// The seam between sources and the detection engine: every source hands blobs to a BlobScanner.
// This in-process scanner is the baseline; a worker-pool scanner implements the same interface.
import type { Blob } from "../model.js";
import type { RuleSet } from "../engine/compile.js";
import { scanBlob, type BlobResult } from "./scan-blob.js";
import { prepareExtractorsFor } from "../extract/index.js";

/** Scans blobs, possibly in parallel; results resolve per blob. */
export interface BlobScanner {
  scan(blob: Blob): Promise<BlobResult>;
  close(): Promise<void>;
}

/** A scanner that runs on the calling thread. */
export function createBlobScanner(rules: RuleSet): BlobScanner {
  return {
    scan: async (blob) => {
      await prepareExtractorsFor(blob);
      return scanBlob(blob, rules);
    },
    close: async () => {},
  };
}
