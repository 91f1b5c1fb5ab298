// SQLite databases agent frameworks write: LangGraph checkpoints (`checkpoints`, `writes`, `store`),
// OpenAI Agents SDK `SQLiteSession` (`agent_sessions`, `agent_messages`), CrewAI memories and task
// outputs, Cursor's `state.vscdb`, and any other SQLite file met in a tree. Read with sql.js (WASM, no
// native build); every text and blob cell is decoded and its strings scanned, with a pointer
// "table[primary key].column#/json/pointer". SQLite pages have no lines, so positions are null. A file
// that does not open is a warning plus a raw byte scan; `-wal` sidecars are scanned on their own
// (sqlite-sidecar.ts) because sql.js cannot see rows that are not yet checkpointed.
import { safeErrorMessage } from "../util/safe-error.js";
import type { Database, SqlJsStatic, SqlValue } from "sql.js";
import type { Blob, Segment, TaskWindow } from "../model.js";
import { rawBytesExtraction } from "./plain.js";
import { blobCellSegments, prepareMsgpack, TIME_KEYS, textCellSegments, valueTimes } from "./sqlite-values.js";
import { parseTimeValue, WindowBuilder } from "./timestamps.js";
import type { Extraction, Extractor } from "./types.js";

let SQL: SqlJsStatic | null = null;

/** Load the sql.js WASM module (once); imported lazily so scans without SQLite never load it. */
export async function prepareSqlite(): Promise<void> {
  if (SQL) return;
  const { default: initSqlJs } = await import("sql.js");
  await prepareMsgpack();
  SQL = await initSqlJs();
}

const MAGIC = "SQLite format 3\0";

/** Artifact type by table name, for the schemas we know. */
function tableArtifact(table: string, columns: string[], path: string): string {
  const t = table.toLowerCase();
  if (["checkpoints", "writes", "checkpoint_blobs", "checkpoint_writes"].includes(t)) return "langgraph-checkpoint";
  if (t === "store" && columns.includes("prefix") && columns.includes("value")) return "langgraph-store";
  if (columns.includes("message_data") || t === "agent_sessions") return "openai-agents-session";
  if (t === "long_term_memories") return "crewai-memory";
  if (t === "latest_kickoff_task_outputs") return "crewai-task-outputs";
  if (t === "itemtable" || t === "cursordiskkv") return /(?:^|\/)Cursor\//i.test(path) || t === "cursordiskkv" ? "cursor-state" : "vscode-state";
  return "sqlite";
}

// Columns that group rows into one task: a LangGraph thread, an Agents SDK session.
const GROUP_COLUMNS = ["thread_id", "session_id"];
// Columns that hold instants of the task.
const TIME_COLUMNS = new Set([...TIME_KEYS, "time"]);
// The `type` column names the serializer of the value columns beside it (LangGraph: `checkpoint` in
// checkpoints, `value` in writes, `blob` in checkpoint_blobs); `metadata` is always JSON.
const SERIALIZER_COLUMN = "type";
const SERIALIZED_COLUMNS = new Set(["checkpoint", "value", "blob"]);

interface TableInfo {
  name: string;
  columns: string[];
  pk: string[];
}

function quoteIdent(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

function tables(db: Database): TableInfo[] {
  const res = db.exec("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
  const names = res.length ? res[0].values.map((r) => String(r[0])) : [];
  return names.map((name) => {
    const info = db.exec(`PRAGMA table_info(${quoteIdent(name)})`);
    const rows = info.length ? info[0].values : [];
    // table_info rows: cid, name, type, notnull, dflt_value, pk (1-based position in the key, 0 = not)
    const columns = rows.map((r) => String(r[1]));
    const pk = rows
      .filter((r) => Number(r[5]) > 0)
      .sort((a, b) => Number(a[5]) - Number(b[5]))
      .map((r) => String(r[1]));
    return { name, columns, pk };
  });
}

function keyLabel(row: Record<string, SqlValue>, pk: string[], rowid: SqlValue | undefined, index: number): string {
  if (pk.length) {
    const parts = pk.map((c) => row[c]).filter((v) => v !== null && v !== undefined && v !== "").map((v) => (v instanceof Uint8Array ? Buffer.from(v).toString("hex") : String(v)));
    if (parts.length) return parts.join("/");
  }
  return rowid !== undefined && rowid !== null ? String(rowid) : `#${index}`;
}

/** Extract a SQLite database. */
export function extractSqlite(blob: Blob): Extraction {
  if (!SQL) {
    return rawBytesExtraction(blob, "sqlite", ["SQLite reader not initialised (prepareExtractors() was not awaited); scanned as raw bytes"]);
  }
  let db: Database;
  let list: TableInfo[];
  try {
    db = new SQL.Database(blob.bytes);
  } catch (e) {
    return rawBytesExtraction(blob, "sqlite", [`cannot open SQLite database (${safeErrorMessage(e)}); scanned as raw bytes`]);
  }
  try {
    try {
      list = tables(db);
    } catch (e) {
      return rawBytesExtraction(blob, "sqlite", [`cannot read SQLite database (${safeErrorMessage(e)}); scanned as raw bytes`]);
    }
    return readTables(db, list, blob);
  } finally {
    db.close();
  }
}

function readTables(db: Database, list: TableInfo[], blob: Blob): Extraction {
  const segments: Segment[] = [];
  const warnings: string[] = [];
  const whole = new WindowBuilder();
  const groups = new Map<string, WindowBuilder>();
  // Each segment remembers its group so the group's window can be attached once all rows are read.
  const grouped: { seg: Segment; group: string | null }[] = [];
  const artifacts = new Set<string>();
  let encrypted = 0;
  let firstEncrypted = "";
  let failedTables = 0;
  for (const t of list) {
    const artifact = tableArtifact(t.name, t.columns, blob.origin.path);
    const groupCol = GROUP_COLUMNS.find((c) => t.columns.includes(c));
    const hasSerializer = t.columns.includes(SERIALIZER_COLUMN);
    let stmt;
    let withRowid = true;
    try {
      stmt = db.prepare(`SELECT rowid AS "__nhi_rowid", * FROM ${quoteIdent(t.name)}`);
    } catch {
      withRowid = false;
      try {
        stmt = db.prepare(`SELECT * FROM ${quoteIdent(t.name)}`);
      } catch (e) {
        warnings.push(`table ${t.name}: cannot be read (${safeErrorMessage(e)})`);
        failedTables++;
        continue;
      }
    }
    let index = 0;
    try {
      while (stmt.step()) {
        const row = stmt.getAsObject();
        const rowid = withRowid ? row.__nhi_rowid : undefined;
        const key = keyLabel(row, t.pk, rowid, index++);
        const group = groupCol && row[groupCol] !== null && row[groupCol] !== undefined ? `${groupCol}=${String(row[groupCol])}` : null;
        const win = group ? (groups.get(group) ?? groups.set(group, new WindowBuilder()).get(group)!) : whole;
        const onTime = (_k: string, v: unknown) => {
          const ms = parseTimeValue(v);
          win.add(ms);
          if (win !== whole) whole.add(ms);
        };
        const serializer = hasSerializer && typeof row[SERIALIZER_COLUMN] === "string" ? (row[SERIALIZER_COLUMN] as string) : null;
        const before = segments.length;
        for (const col of t.columns) {
          const v = row[col];
          if (v === null || v === undefined) continue;
          if (TIME_COLUMNS.has(col)) onTime(col, v);
          const meta = { artifact, pointer: `${t.name}[${key}].${col}`, onTime };
          if (typeof v === "string") textCellSegments(v, meta, `${col}: `, segments);
          else if (v instanceof Uint8Array) {
            const r = blobCellSegments(v, SERIALIZED_COLUMNS.has(col) ? serializer : null, meta, `${col}: `, segments);
            if (!r.ok && r.reason === "encrypted") {
              if (!encrypted++) firstEncrypted = r.message;
            } else if (!r.ok) warnings.push(r.message);
            else if (r.value !== undefined && r.value !== null && typeof r.value === "object") valueTimes(r.value, onTime);
          }
        }
        for (let i = before; i < segments.length; i++) grouped.push({ seg: segments[i], group });
        if (segments.length > before) artifacts.add(artifact);
      }
    } catch (e) {
      warnings.push(`table ${t.name}: stopped after ${index} rows (${safeErrorMessage(e)})`);
      failedTables++;
    } finally {
      stmt.free();
    }
  }
  if (encrypted) warnings.push(encrypted === 1 ? firstEncrypted : `${firstEncrypted} (and ${encrypted - 1} more encrypted values)`);
  const wholeWindow = whole.window();
  const windows = new Map<string, TaskWindow | undefined>();
  for (const [g, w] of groups) windows.set(g, w.window());
  for (const { seg, group } of grouped) {
    const w = (group && windows.get(group)) || wholeWindow;
    if (w) seg.taskWindow = w;
  }
  const known = [...artifacts].filter((a) => a !== "sqlite");
  const artifact = known[0] ?? tableArtifact(list[0]?.name ?? "", list[0]?.columns ?? [], blob.origin.path);
  if (failedTables && failedTables === list.length) {
    // Nothing could be read row by row: the raw bytes are the best left.
    const raw = rawBytesExtraction(blob, artifact, warnings);
    return { ...raw, segments: [...segments, ...raw.segments] };
  }
  return { segments, warnings, artifact, taskWindow: wholeWindow };
}

export const sqliteExtractor: Extractor = {
  name: "sqlite",
  claims: (_path, head) => head.length >= 16 && head.toString("latin1", 0, 16) === MAGIC,
  extract: extractSqlite,
  prepare: prepareSqlite,
};
