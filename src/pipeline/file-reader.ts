// Reads files into one reused buffer per thread, so scanning thousands of files allocates nothing
// per file. The bytes it returns are valid until the next read: callers scan them synchronously.
import { closeSync, fstatSync, openSync, readSync } from "node:fs";

const INITIAL = 1 << 20;
/** A buffer grown past this for one big read is given back afterwards, keeping memory flat. */
const KEEP = 16 << 20;

/** A per-thread file reader with a reusable buffer. */
export class FileReader {
  private buf = Buffer.allocUnsafeSlow(INITIAL);

  private ensure(n: number): void {
    if (this.buf.length >= n) return;
    let cap = this.buf.length;
    while (cap < n) cap *= 2;
    this.buf = Buffer.allocUnsafeSlow(cap);
  }

  /** Release an oversized buffer after a big read. */
  trim(): void {
    if (this.buf.length > KEEP) this.buf = Buffer.allocUnsafeSlow(INITIAL);
  }

  /**
   * The whole file (throws the fs error, e.g. ENOENT or EACCES). With the size from the walk as a
   * hint, a file is one open, one read and one close.
   */
  read(absPath: string, sizeHint?: number): Buffer {
    const fd = openSync(absPath, "r");
    try {
      const size = sizeHint ?? fstatSync(fd).size;
      this.ensure(size + 1);
      let n = 0;
      for (;;) {
        if (n === this.buf.length) {
          // The file grew since it was listed: keep reading into a bigger buffer.
          const bigger = Buffer.allocUnsafeSlow(this.buf.length * 2);
          this.buf.copy(bigger, 0, 0, n);
          this.buf = bigger;
        }
        const want = this.buf.length - n;
        const r = readSync(fd, this.buf, n, want, null);
        n += r;
        // A short read at or past the expected size is the end; one before it (a network file
        // system may return less) just means "read again".
        if (r === 0 || (r < want && n >= size)) break;
      }
      return this.buf.subarray(0, n);
    } finally {
      closeSync(fd);
    }
  }

  /** `length` bytes from `offset` (fewer at end of file). */
  readRange(absPath: string, offset: number, length: number): Buffer {
    const fd = openSync(absPath, "r");
    try {
      this.ensure(length);
      let n = 0;
      while (n < length) {
        const r = readSync(fd, this.buf, n, length - n, offset + n);
        if (r === 0) break;
        n += r;
      }
      return this.buf.subarray(0, n);
    } finally {
      closeSync(fd);
    }
  }
}
