// SQLite sidecars: the write-ahead log (`<db>-wal`) holds rows not yet copied into the database
// file, which sql.js cannot see, and a rollback journal (`<db>-journal`) holds old page images. Both
// are binary; they are scanned as raw bytes, one segment per WAL frame so a finding names its page.
import type { Blob, Segment } from "../model.js";
import { rawBytesExtraction } from "./plain.js";
import type { Extraction, Extractor } from "./types.js";

const WAL_MAGIC = [0x377f0682, 0x377f0683];
const WAL_HEADER = 32;
const FRAME_HEADER = 24;
const JOURNAL_MAGIC = Buffer.from([0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7]);

/** Extract a WAL file frame by frame; a damaged header falls back to one raw segment. */
export function extractWal(blob: Blob): Extraction {
  const b = blob.bytes;
  const artifact = "sqlite-wal";
  const magic = b.length >= 4 && WAL_MAGIC.includes(b.readUInt32BE(0));
  const pageSize = b.length >= WAL_HEADER ? b.readUInt32BE(8) : 0;
  if (!magic) return rawBytesExtraction(blob, artifact, ["not a SQLite WAL header; scanned as raw bytes"]);
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) {
    return rawBytesExtraction(blob, artifact, b.length > WAL_HEADER ? [`WAL header has an invalid page size (${pageSize}); scanned as raw bytes`] : []);
  }
  const segments: Segment[] = [];
  let frame = 0;
  let off = WAL_HEADER;
  while (off + FRAME_HEADER < b.length) {
    frame++;
    const page = b.readUInt32BE(off);
    const start = off + FRAME_HEADER;
    const end = Math.min(b.length, start + pageSize);
    segments.push({ data: b.subarray(start, end), rawOffset: (o) => start + o, hasLines: false, artifact, layer: "raw", pointer: `frame[${frame}].page[${page}]` });
    off = end;
  }
  const warnings = off < b.length || (segments.length && segments[segments.length - 1].data.length < pageSize) ? ["WAL ends inside a frame (truncated); the partial frame was scanned"] : [];
  return { segments, warnings, artifact };
}

export const sqliteWalExtractor: Extractor = {
  name: "sqlite-wal",
  // A sidecar is scanned even when its header is damaged, as long as it is binary.
  claims: (path, head) => path.endsWith("-wal") && ((head.length >= 4 && WAL_MAGIC.includes(head.readUInt32BE(0))) || head.includes(0)),
  extract: extractWal,
};

export const sqliteJournalExtractor: Extractor = {
  name: "sqlite-journal",
  claims: (path, head) => path.endsWith("-journal") && head.subarray(0, 8).equals(JOURNAL_MAGIC),
  extract: (blob) => rawBytesExtraction(blob, "sqlite-journal", []),
};
