// Progress on stderr for long scans: files or blobs done, throughput and findings so far, redrawn in
// place at most a few times a second. Only made when stderr is a TTY and --quiet is off.
import { formatBytes } from "../report/text.js";

const REDRAW_MS = 250;
/** Scans shorter than this never draw a progress line (a pre-commit hook stays silent). */
const QUIET_START_MS = 1000;

export interface ProgressCounts {
  files: number;
  blobs: number;
  bytes: number;
  findings: number;
}

/** A single self-overwriting status line. */
export class Progress {
  private readonly started = Date.now();
  private last = 0;
  private drawn = false;

  constructor(private readonly out: NodeJS.WriteStream) {}

  /** Report the current counts; draws only when enough time has passed. */
  update(c: ProgressCounts): void {
    const now = Date.now();
    if (now - this.started < QUIET_START_MS || now - this.last < REDRAW_MS) return;
    this.last = now;
    const secs = (now - this.started) / 1000;
    const units = c.blobs > c.files ? `${c.blobs} blobs` : `${c.files} files`;
    const rate = `${formatBytes(Math.round(c.bytes / secs))}/s`;
    const line = `nhi-scan: ${units}, ${formatBytes(c.bytes)} (${rate}), ${c.findings} finding${c.findings === 1 ? "" : "s"} so far`;
    this.out.write(`\r\x1b[2K${line}`);
    this.drawn = true;
  }

  /** Erase the line before the report or warnings are written. */
  clear(): void {
    if (this.drawn) this.out.write("\r\x1b[2K");
    this.drawn = false;
  }
}
