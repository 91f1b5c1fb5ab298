// The zip archive the GitHub Actions API returns for a run's logs (one text file per job and per
// step). Members are read in memory with fflate and scanned as CI logs; findings keep the archive's
// path, the member's name in `pointer` and the line and column inside the member.
import { safeErrorMessage } from "../util/safe-error.js";
import type * as Fflate from "fflate";
import type { Blob, Position, Segment } from "../model.js";
import { LineIndex } from "../util/line-index.js";
import { extractGithubActionsLog, extractGitlabLog, looksLikeGithubActionsLog, looksLikeGitlabLog } from "./ci-logs.js";
import { extractPlain } from "./plain.js";
import { WindowBuilder, parseTimestamp } from "./timestamps.js";
import type { Extraction, Extractor } from "./types.js";

const ARTIFACT = "ci-log-archive";
/** Limits against zip bombs: per member and for the whole archive, uncompressed. */
const MAX_MEMBER = 256 * 1024 * 1024;
const MAX_TOTAL = 1024 * 1024 * 1024;

/** Name of the first member, read from the first local file header. */
function firstMemberName(head: Buffer): string | null {
  if (head.length < 30 || head.readUInt32LE(0) !== 0x04034b50) return null;
  const n = head.readUInt16LE(26);
  return head.length >= 30 + n ? head.toString("utf8", 30, 30 + n) : null;
}

function extractMember(blob: Blob): Extraction {
  const head = blob.bytes.subarray(0, 8000);
  if (looksLikeGithubActionsLog(head)) return extractGithubActionsLog(blob);
  if (looksLikeGitlabLog(head)) return extractGitlabLog(blob);
  return extractPlain(blob);
}

let unzipSync: typeof Fflate.unzipSync | null = null;

/** Extract every text member of a log archive. */
export function extractLogArchive(blob: Blob): Extraction {
  if (!unzipSync) return { segments: [], warnings: ["zip reader not initialised (prepareExtractors() was not awaited); not scanned"], artifact: ARTIFACT };
  const warnings: string[] = [];
  let total = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(blob.bytes, {
      filter: (f) => {
        if (!f.name.toLowerCase().endsWith(".txt")) return false;
        if (f.originalSize > MAX_MEMBER || total + f.originalSize > MAX_TOTAL) {
          warnings.push(`${f.name}: skipped (${f.originalSize} bytes uncompressed exceeds the archive limit)`);
          return false;
        }
        total += f.originalSize;
        return true;
      },
    });
  } catch (e) {
    return { segments: [], warnings: [`cannot read zip archive (${safeErrorMessage(e)}); not scanned`], artifact: ARTIFACT };
  }
  const segments: Segment[] = [];
  const win = new WindowBuilder();
  for (const name of Object.keys(files).sort()) {
    const bytes = Buffer.from(files[name].buffer, files[name].byteOffset, files[name].byteLength);
    const member: Blob = { origin: { ...blob.origin, kind: "archive", path: `${blob.origin.path}/${name}` }, bytes };
    const ex = extractMember(member);
    for (const w of ex.warnings) warnings.push(`${name}: ${w}`);
    if (ex.taskWindow) {
      win.add(ex.taskWindow.start ? parseTimestamp(ex.taskWindow.start) : null);
      win.add(ex.taskWindow.end ? parseTimestamp(ex.taskWindow.end) : null);
    }
    const lines = new LineIndex(bytes);
    for (const s of ex.segments) {
      const position = (o: number): Position => {
        const r = s.rawOffset(o);
        return r === null ? { line: null, column: null } : lines.position(r);
      };
      segments.push({
        ...s,
        rawOffset: () => null,
        position,
        pointer: s.pointer ? `${name}#${s.pointer}` : name,
        pointerAt: (o: number) => {
          const p = s.pointerAt?.(o) ?? s.pointer;
          return p ? `${name}#${p}` : name;
        },
        taskWindow: s.taskWindow ?? ex.taskWindow,
      });
    }
  }
  return { segments, warnings, artifact: ARTIFACT, taskWindow: win.window() };
}

export const logArchiveExtractor: Extractor = {
  name: ARTIFACT,
  claims(path, head) {
    if (!path.toLowerCase().endsWith(".zip")) return false;
    const first = firstMemberName(head);
    return first !== null && first.toLowerCase().endsWith(".txt");
  },
  extract: extractLogArchive,
  // fflate loads only when an archive is met.
  prepare: async () => {
    unzipSync ??= (await import("fflate")).unzipSync;
  },
};
