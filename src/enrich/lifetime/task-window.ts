// The end of the task that used a credential: --task-end when given, else the end of the task the
// artifact itself records (last timestamp of a CI log, transcript or timestamped log), else none.
import type { TaskWindow } from "../../model.js";
import { parseIsoInstant } from "./time.js";

/** The task end that applies to one match. */
export function taskEndFor(flag: Date | null, window: TaskWindow | undefined): Date | null {
  if (flag) return flag;
  const end = window?.end;
  if (!end) return null;
  const ms = parseIsoInstant(end);
  return ms === null ? null : new Date(ms);
}
