// Worker-thread entry of the scanner pool: compiles the rule set once from the definitions it is
// started with, then runs batches of jobs and posts each batch's outcomes back in one message.
import { parentPort, workerData } from "node:worker_threads";
import { RuleSet } from "../engine/compile.js";
import type { RuleDef } from "../engine/rule-schema.js";
import { FileReader } from "./file-reader.js";
import { prepareExtractorsIfAny } from "./prepare.js";
import { runJob, type ScanJob } from "./scan-jobs.js";

interface Init {
  defs: RuleDef[];
}

const port = parentPort!;
const rules = new RuleSet((workerData as Init).defs);
const reader = new FileReader();
await prepareExtractorsIfAny();
port.on("message", (msg: { id: number; jobs: ScanJob[] }) => {
  const outcomes = msg.jobs.map((j) => runJob(j, rules, reader));
  // Chunk buffers move back to the main thread to be refilled.
  const transfer = outcomes.flatMap((o) => (o.kind === "chunk" && o.result.spare ? [o.result.spare.buffer as ArrayBuffer] : []));
  port.postMessage({ id: msg.id, outcomes }, transfer);
});
port.postMessage({ ready: true });
