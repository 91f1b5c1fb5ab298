// Worker-thread entry of the scanner pool: compiles the rule set once from the definitions it is
// started with, then runs batches of jobs and posts each batch's outcomes back in one message.
import { parentPort, workerData } from "node:worker_threads";
import { RuleSet } from "../engine/compile.js";
import type { RuleDef } from "../engine/rule-schema.js";
import { FileReader } from "./file-reader.js";
import { runJob, type ScanJob } from "./scan-jobs.js";

interface Init {
  defs: RuleDef[];
}

const port = parentPort!;
const rules = new RuleSet((workerData as Init).defs);
const reader = new FileReader();
port.on("message", async (msg: { id: number; jobs: ScanJob[] }) => {
  const outcomes = [];
  // One job at a time: the reader's buffer is shared by the jobs of this thread.
  for (const j of msg.jobs) outcomes.push(await runJob(j, rules, reader));
  // Chunk buffers move back to the main thread to be refilled.
  const transfer = outcomes.flatMap((o) => (o.kind === "chunk" && o.result.spare ? [o.result.spare.buffer as ArrayBuffer] : []));
  port.postMessage({ id: msg.id, outcomes }, transfer);
});
port.postMessage({ ready: true });
