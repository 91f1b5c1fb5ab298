// Maps byte offsets in a raw blob to 1-based line and UTF-16 column numbers, built lazily on first use.
import { floorIndex } from "./floor-index.js";

/** Line starts of a byte buffer, for turning offsets into positions. */
export class LineIndex {
  private starts: number[] | null = null;
  constructor(private readonly bytes: Buffer) {}

  private lineStarts(): number[] {
    if (this.starts) return this.starts;
    const starts = [0];
    let i = this.bytes.indexOf(10);
    while (i !== -1) {
      starts.push(i + 1);
      i = this.bytes.indexOf(10, i + 1);
    }
    return (this.starts = starts);
  }

  /** 0-based line number containing the byte offset. */
  lineOf(offset: number): number {
    return floorIndex(this.lineStarts(), offset);
  }

  /** Byte range [start, end) of a 0-based line, without its newline. */
  lineRange(line: number): [number, number] {
    const s = this.lineStarts();
    const start = s[line];
    let end = line + 1 < s.length ? s[line + 1] - 1 : this.bytes.length;
    if (end > start && this.bytes[end - 1] === 13) end--;
    return [start, end];
  }

  /** 1-based line and column (in UTF-16 code units, as SARIF counts by default) of a byte offset. */
  position(offset: number): { line: number; column: number } {
    const line = this.lineOf(offset);
    const start = this.lineStarts()[line];
    const prefix = offset - start;
    // Pure-ASCII prefixes (the usual case) need no decoding.
    let ascii = true;
    for (let i = start; i < offset; i++) {
      if (this.bytes[i] > 0x7f) {
        ascii = false;
        break;
      }
    }
    const column = ascii ? prefix : this.bytes.toString("utf8", start, offset).length;
    return { line: line + 1, column: column + 1 };
  }
}
