// Reads blob contents through one long-lived `git cat-file --batch` process: object ids go in on
// stdin, `<oid> <type> <size>\n<bytes>\n` comes back in the same order. Requests resolve in FIFO
// order. Backpressure: when more than `highWater` bytes have been handed out and not released, the
// reader stops reading git's stdout, so git blocks instead of our memory growing.
import type { ChildProcess } from "node:child_process";
import { gitErrorLine, GitError, spawnGit, type GitContext } from "./git-process.js";

/** One object as cat-file returned it. */
export interface BatchObject {
  oid: string;
  /** "blob", "tree", ...; "missing" when the repository does not have it (shallow or partial clone). */
  type: string;
  size: number;
  /** The contents; absent when missing or larger than the size limit. */
  bytes?: Buffer;
  tooLarge?: boolean;
}

interface Pending {
  oid: string;
  resolve: (o: BatchObject) => void;
  reject: (e: Error) => void;
}

export interface CatFileOptions {
  /** Objects larger than this are skipped (their bytes are read from the pipe and dropped). */
  maxSize: number;
  /** Stop reading from git while this many delivered bytes are unreleased (default 64 MiB). */
  highWater?: number;
}

type State =
  | { kind: "header" }
  | { kind: "body"; obj: BatchObject; buf: Buffer; filled: number }
  | { kind: "skip"; obj: BatchObject; left: number }
  | { kind: "lf"; obj: BatchObject };

/** A `git cat-file --batch` process with FIFO requests and byte-based backpressure. */
export class CatFileBatch {
  private readonly child: ChildProcess;
  private readonly queue: Pending[] = [];
  private state: State = { kind: "header" };
  private header: Buffer[] = [];
  private held = 0;
  private paused = false;
  private pendingIds: string[] = [];
  /** Bytes already read from git but not parsed, held while paused. */
  private leftover: Buffer | null = null;
  private failed: Error | null = null;
  private readonly stderr: Buffer[] = [];
  private readonly exited: Promise<void>;
  private readonly highWater: number;

  constructor(
    ctx: GitContext,
    private readonly opts: CatFileOptions,
  ) {
    this.highWater = opts.highWater ?? 64 * 1024 * 1024;
    this.child = spawnGit(ctx, ["cat-file", "--batch"], "pipe");
    this.child.stdout!.on("data", (b: Buffer) => this.onData(b));
    this.child.stderr!.on("data", (b: Buffer) => this.stderr.push(b));
    this.child.stdin!.on("error", (e) => this.fail(e));
    this.exited = new Promise((res) => {
      this.child.on("error", (e) => {
        this.fail(e);
        res();
      });
      this.child.on("close", (code) => {
        if (this.queue.length || code !== 0) {
          const msg = gitErrorLine(Buffer.concat(this.stderr).toString("utf8")) || `git cat-file exited with code ${code}`;
          this.fail(new GitError(msg, ["cat-file", "--batch"], code));
        }
        res();
      });
    });
  }

  /**
   * Ask for one object; resolves when its bytes have arrived. Callers bound how many requests are
   * outstanding, so the ids written to git's stdin stay a few kilobytes.
   */
  get(oid: string): Promise<BatchObject> {
    if (this.failed) return Promise.reject(this.failed);
    if (!/^[0-9a-f]{40,64}$/.test(oid)) return Promise.reject(new Error(`not an object id: ${oid}`));
    return new Promise((resolve, reject) => {
      this.queue.push({ oid, resolve, reject });
      this.pendingIds.push(oid);
      // Ids asked for in one tick go to git in one write (one syscall, not one per blob).
      if (this.pendingIds.length === 1) process.nextTick(() => this.flushIds());
    });
  }

  private flushIds(): void {
    const ids = this.pendingIds;
    this.pendingIds = [];
    if (ids.length && !this.failed) this.child.stdin!.write(`${ids.join("\n")}\n`);
  }

  /** Give back `n` bytes of delivered objects (they have been scanned); resumes reading if paused. */
  release(n: number): void {
    this.held -= n;
    if (this.paused && this.held < this.highWater / 2) {
      this.paused = false;
      const rest = this.leftover;
      this.leftover = null;
      if (rest) this.onData(rest);
      if (!this.paused) this.child.stdout!.resume();
    }
  }

  /** Close stdin and wait for git to exit. */
  async close(): Promise<void> {
    this.flushIds();
    this.child.stdin!.end();
    await this.exited;
    if (this.failed) throw this.failed;
  }

  /** Stop git at once (on an error elsewhere). */
  kill(): void {
    this.child.kill();
  }

  private fail(e: Error): void {
    if (!this.failed) this.failed = e;
    for (const p of this.queue.splice(0)) p.reject(e);
  }

  private deliver(obj: BatchObject): void {
    const p = this.queue.shift();
    if (!p) {
      this.fail(new Error(`git cat-file sent an unrequested object ${obj.oid}`));
      return;
    }
    if (obj.bytes) {
      this.held += obj.bytes.length;
      if (!this.paused && this.held > this.highWater) {
        this.paused = true;
        this.child.stdout!.pause();
      }
    }
    p.resolve(obj);
  }

  private onData(chunk: Buffer): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.paused) {
        this.leftover = chunk.subarray(i);
        return;
      }
      const st = this.state;
      if (st.kind === "header") {
        const nl = chunk.indexOf(10, i);
        if (nl < 0) {
          this.header.push(chunk.subarray(i));
          return;
        }
        this.header.push(chunk.subarray(i, nl));
        const line = Buffer.concat(this.header).toString("latin1");
        this.header = [];
        i = nl + 1;
        this.onHeader(line);
      } else if (st.kind === "body") {
        const n = Math.min(st.buf.length - st.filled, chunk.length - i);
        chunk.copy(st.buf, st.filled, i, i + n);
        st.filled += n;
        i += n;
        if (st.filled === st.buf.length) this.state = { kind: "lf", obj: st.obj };
      } else if (st.kind === "skip") {
        const n = Math.min(st.left, chunk.length - i);
        st.left -= n;
        i += n;
        if (st.left === 0) this.state = { kind: "lf", obj: st.obj };
      } else {
        // The LF that ends every object's contents.
        i++;
        this.state = { kind: "header" };
        this.deliver(st.obj);
      }
    }
  }

  private onHeader(line: string): void {
    const parts = line.split(" ");
    if (parts.length === 2 && (parts[1] === "missing" || parts[1] === "ambiguous")) {
      this.deliver({ oid: parts[0], type: "missing", size: 0 });
      return;
    }
    const size = Number(parts[2]);
    if (parts.length !== 3 || !Number.isSafeInteger(size)) {
      this.fail(new Error(`unexpected git cat-file output: ${JSON.stringify(line.slice(0, 120))}`));
      return;
    }
    const obj: BatchObject = { oid: parts[0], type: parts[1], size };
    if (size > this.opts.maxSize) {
      obj.tooLarge = true;
      this.state = size ? { kind: "skip", obj, left: size } : { kind: "lf", obj };
    } else {
      // Its own ArrayBuffer (not a slice of Node's shared pool), so a worker pool can transfer it.
      obj.bytes = Buffer.allocUnsafeSlow(size);
      this.state = size ? { kind: "body", obj, buf: obj.bytes, filled: 0 } : { kind: "lf", obj };
    }
  }
}
