// Scanning inputs too big to hold whole (multi-gigabyte logs, stdin) in fixed-size chunks.
//
// Chunk k owns the bytes [k*S, (k+1)*S) and holds MAX_SECRET_LENGTH more bytes on each side, so a
// secret that starts in its owned range ends inside the chunk, and the bytes before it give lookbehinds
// and word boundaries their real context. A match is kept only by the chunk owning its first byte:
// no secret across an edge is lost or reported twice. Chunks are scanned independently (in any
// worker); each reports its matches with positions relative to its owned start plus the newline
// count and open-line width of its owned range, and the assembler turns them into blob positions
// in order, so line numbers stay right and memory holds only a few chunks at a time.
import type { Match, Position } from "../model.js";
import type { RuleSet } from "../engine/compile.js";
import { detectContext, detectSegment, resolveOverlaps } from "../engine/detect.js";
import { MAX_SECRET_LENGTH } from "../engine/limits.js";
import { plainSegment } from "../extract/plain.js";
import type { BlobResult } from "./scan-blob.js";

/** Owned bytes per chunk. */
export const CHUNK_SIZE = 4 << 20;
/** Extra bytes a chunk holds on each side of its owned range. */
export const CHUNK_OVERLAP = MAX_SECRET_LENGTH;

/** Where one chunk sits in the stream (absolute offsets) and which part of its bytes it owns. */
export interface ChunkPlan {
  index: number;
  /** Absolute offset of the chunk's first byte. */
  offset: number;
  length: number;
  /** Owned range, relative to the chunk's first byte. */
  ownFrom: number;
  ownTo: number;
}

/** Matches of one chunk with positions relative to its owned start, and what the next chunks need. */
export interface ChunkResult {
  /** start/end relative to ownFrom; startPos/endPos: line = newlines since ownFrom, column = UTF-16 units since that line's start (or since ownFrom on the first line). */
  matches: Match[];
  /** Newlines in the owned range. */
  newlines: number;
  /** UTF-16 units after the owned range's last newline (or of the whole range if none). */
  tailUnits: number;
  sawNewline: boolean;
  /** The chunk's buffer, handed back (from a worker) so the reader can fill it again. */
  spare?: Buffer;
}

/** The chunks of a stream of known size. */
export function planChunks(size: number, chunkSize = CHUNK_SIZE, overlap = CHUNK_OVERLAP): ChunkPlan[] {
  const out: ChunkPlan[] = [];
  for (let k = 0, own = 0; own < size || (k === 0 && size === 0); k++, own += chunkSize) {
    const offset = Math.max(0, own - overlap);
    const end = Math.min(size, own + chunkSize + overlap);
    out.push({ index: k, offset, length: end - offset, ownFrom: own - offset, ownTo: Math.min(size, own + chunkSize) - offset });
    if (size === 0) break;
  }
  return out;
}

/** UTF-16 units of UTF-8 bytes [s, e): lead bytes count one, four-byte sequences two; safe at any cut. */
export function utf16Units(b: Uint8Array, s: number, e: number): number {
  let n = 0;
  for (let i = s; i < e; i++) {
    const c = b[i];
    if (c < 0x80) n++;
    else if (c >= 0xc0) n += c >= 0xf0 ? 2 : 1;
  }
  return n;
}

/** Scan one chunk (plain text): the matches whose first byte it owns, positions relative. */
export function scanChunk(bytes: Buffer, ownFrom: number, ownTo: number, path: string, rules: RuleSet): ChunkResult {
  const ctx = detectContext(path, bytes);
  const seg = plainSegment({ origin: { kind: "stdin", target: path, path }, bytes });
  const lines = ctx.lines;
  let l0 = -1; // line of ownFrom, looked up only when a match needs positions
  const rel = (p: number): Position => {
    if (l0 < 0) l0 = lines.lineOf(ownFrom);
    const l = lines.lineOf(p);
    const nl = l - l0;
    return { line: nl, column: utf16Units(bytes, nl > 0 ? lines.lineRange(l)[0] : ownFrom, p) };
  };
  const matches: Match[] = [];
  for (const m of detectSegment(seg, rules, ctx)) {
    if (m.start < ownFrom || m.start >= ownTo) continue;
    m.startPos = rel(m.start);
    m.endPos = rel(m.end);
    m.start -= ownFrom;
    m.end -= ownFrom;
    matches.push(m);
  }
  let newlines = 0;
  let last = -1;
  for (let i = bytes.indexOf(10, ownFrom); i !== -1 && i < ownTo; i = bytes.indexOf(10, i + 1)) {
    newlines++;
    last = i;
  }
  const sawNewline = last >= 0;
  return { matches, newlines, tailUnits: utf16Units(bytes, sawNewline ? last + 1 : ownFrom, ownTo), sawNewline };
}

/** Puts chunk results back in stream order and gives their matches blob positions. */
export class StreamAssembler {
  private next = 0;
  private lineBase = 0;
  private colCarry = 0;
  private readonly waiting = new Map<number, { plan: ChunkPlan; result: ChunkResult }>();
  private readonly matches: Match[] = [];

  /** Add chunk `plan.index`'s result (chunks may arrive in any order). */
  add(plan: ChunkPlan, result: ChunkResult): void {
    this.waiting.set(plan.index, { plan, result });
    for (let w = this.waiting.get(this.next); w; w = this.waiting.get(this.next)) {
      this.waiting.delete(this.next);
      this.apply(w.plan, w.result);
      this.next++;
    }
  }

  private apply(plan: ChunkPlan, r: ChunkResult): void {
    const base = plan.offset + plan.ownFrom;
    const fix = (p: Position): Position => ({
      line: this.lineBase + p.line! + 1,
      column: (p.line! > 0 ? p.column! : this.colCarry + p.column!) + 1,
    });
    for (const m of r.matches) {
      m.start += base;
      m.end += base;
      m.startPos = fix(m.startPos);
      m.endPos = fix(m.endPos);
      this.matches.push(m);
    }
    this.lineBase += r.newlines;
    this.colCarry = r.sawNewline ? r.tailUnits : this.colCarry + r.tailUnits;
  }

  /** Chunks still waiting for an earlier one. */
  get pending(): number {
    return this.waiting.size;
  }

  /** The blob result over all chunks: overlaps resolved across chunk edges as in a whole blob. */
  finish(rules: RuleSet): BlobResult {
    return { matches: resolveOverlaps(this.matches, rules), warnings: [], artifact: "plain" };
  }
}

/**
 * Cut a byte stream into chunks, with the same geometry as `planChunks`. Each chunk has a buffer of
 * its own (safe to transfer to a worker), taken from `spare` when a scanned chunk's buffer has been
 * handed back, so memory stays flat however long the stream. `head` holds bytes already read.
 */
export async function* chunkStream(
  source: AsyncIterable<Buffer | string>,
  head: Buffer[] = [],
  chunkSize = CHUNK_SIZE,
  overlap = CHUNK_OVERLAP,
  spare: Buffer[] = [],
): AsyncGenerator<{ plan: ChunkPlan; bytes: Buffer }> {
  const cap = chunkSize + 2 * overlap;
  const fresh = () => {
    for (let b = spare.pop(); b; b = spare.pop()) if (b.length === cap) return b;
    return Buffer.allocUnsafeSlow(cap);
  };
  let buf = fresh();
  let bufStart = 0; // absolute offset of buf[0]
  let fill = 0;
  let index = 0;
  let own = 0; // absolute start of the owned range of the chunk being filled
  const want = () => own + chunkSize + overlap - bufStart; // bytes needed in buf to emit this chunk
  function* emitReady(): Generator<{ plan: ChunkPlan; bytes: Buffer }> {
    while (fill >= want()) {
      const plan: ChunkPlan = { index: index++, offset: bufStart, length: want(), ownFrom: own - bufStart, ownTo: own + chunkSize - bufStart };
      const nextOwn = own + chunkSize;
      const nextStart = Math.max(0, nextOwn - overlap);
      const nextBuf = fresh();
      buf.copy(nextBuf, 0, nextStart - bufStart, fill);
      const out = buf.subarray(0, plan.length);
      fill -= nextStart - bufStart;
      buf = nextBuf;
      bufStart = nextStart;
      own = nextOwn;
      yield { plan, bytes: out };
    }
  }
  async function* all(): AsyncGenerator<Buffer> {
    // Taken out of the array so the head is not kept alive once copied.
    for (let h = head.shift(); h; h = head.shift()) yield h;
    for await (const c of source) yield typeof c === "string" ? Buffer.from(c) : c;
  }
  for await (let c of all()) {
    while (c.length) {
      const n = Math.min(c.length, cap - fill);
      c.copy(buf, fill, 0, n);
      fill += n;
      c = c.subarray(n);
      yield* emitReady();
    }
  }
  if (fill > own - bufStart || index === 0) {
    yield { plan: { index, offset: bufStart, length: fill, ownFrom: own - bufStart, ownTo: fill }, bytes: buf.subarray(0, fill) };
  }
}
