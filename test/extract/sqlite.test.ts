import { encode, ExtData } from "@msgpack/msgpack";
import { beforeAll, describe, expect, it } from "vitest";
import { prepareExtractors } from "../../src/extract/index.js";
import { decodeMsgpack } from "../../src/extract/sqlite-values.js";
import { githubToken } from "../helpers/tokens.js";
import { AGENTS_SESSION, LANGGRAPH_CKPT, LANGGRAPH_THREAD, agentsSessionDb, langgraphDb, sqlJs, walSidecar } from "../helpers/artifacts.js";
import { scanArtifact } from "../helpers/scan.js";

describe("msgpack decoding", () => {
  beforeAll(() => prepareExtractors());
  it("unpacks LangGraph extension types recursively to their payload", () => {
    const inner = new ExtData(2, encode(["m", "Inner", { secret: "s3cr3t-value" }]));
    const outer = encode({ messages: [new ExtData(5, encode(["langchain_core.messages.tool", "ToolMessage", { content: "x", artifact: inner }, "model_validate_json"]))] });
    expect(decodeMsgpack(outer)).toEqual({ messages: [{ content: "x", artifact: { secret: "s3cr3t-value" } }] });
  });

  it("keeps unknown extension types as data instead of failing", () => {
    const v = decodeMsgpack(encode({ a: new ExtData(42, new Uint8Array([1, 2])) })) as { a: ExtData };
    expect(v.a).toBeInstanceOf(ExtData);
  });
});

describe("LangGraph SQLite checkpoints", () => {
  it("finds a token inside a nested message of a msgpack checkpoint, with a table pointer and the thread's window", async () => {
    const token = githubToken();
    const writeToken = githubToken("ghu");
    const r = await scanArtifact("agent/checkpoints.sqlite", await langgraphDb(token, writeToken));
    const m = r.matches.find((x) => x.secret === token)!;
    expect(m).toBeDefined();
    expect(m.pointer).toBe(`checkpoints[${LANGGRAPH_THREAD}/${LANGGRAPH_CKPT}].checkpoint#/channel_values/messages/1/content`);
    expect(m.artifact).toBe("langgraph-checkpoint");
    expect(m.startPos).toEqual({ line: null, column: null });
    expect(m.taskWindow).toEqual({ start: "2026-03-03T10:00:00.000Z", end: "2026-03-03T10:07:30.000Z" });
    // A pending write holds a token in tool-call arguments: JSON inside a msgpack string.
    const w = r.matches.find((x) => x.secret === writeToken)!;
    expect(w.pointer).toBe(`writes[${LANGGRAPH_THREAD}/${LANGGRAPH_CKPT}/task-1/0].value#/0/additional_kwargs/tool_calls/0/function/arguments#/token`);
    // The encrypted write cannot be read: a warning, not a failure.
    expect(r.warnings).toEqual([`writes[${LANGGRAPH_THREAD}/${LANGGRAPH_CKPT}/task-1/1].value: encrypted value (msgpack+aes) cannot be scanned`]);
    expect(r.artifact).toBe("langgraph-checkpoint");
  });

  it("scans a truncated database as raw bytes with a warning", async () => {
    const token = githubToken();
    const full = await langgraphDb(token, githubToken());
    // Cut just after the page that holds the token: the schema can no longer be read.
    const cut = full.indexOf(token) + token.length + 16;
    const r = await scanArtifact("agent/broken.sqlite", full.subarray(0, cut));
    expect(r.warnings).toEqual(["cannot read SQLite database (database disk image is malformed); scanned as raw bytes"]);
    const m = r.matches.find((x) => x.secret === token)!;
    expect(m.start).toBe(full.indexOf(token));
    expect(m.artifact).toBe("sqlite");
  });
});

describe("OpenAI Agents SDK SQLiteSession", () => {
  it("finds a token in message_data JSON, keyed by message id, with the session's window", async () => {
    const token = githubToken();
    const r = await scanArtifact("agents_conversations.db", await agentsSessionDb(token));
    const m = r.matches.find((x) => x.secret === token)!;
    expect(m.pointer).toBe("agent_messages[2].message_data#/output#/stdout");
    expect(m.artifact).toBe("openai-agents-session");
    expect(m.taskWindow).toEqual({ start: "2026-03-04T08:00:00.000Z", end: "2026-03-04T08:20:00.000Z" });
    expect(AGENTS_SESSION).toBe("user-7");
  });
});

describe("CrewAI and Cursor stores", () => {
  it("reads CrewAI task outputs and Cursor's cursorDiskKV", async () => {
    const SQL = await sqlJs();
    const token = githubToken();
    const crew = new SQL.Database();
    crew.run("CREATE TABLE latest_kickoff_task_outputs (task_id TEXT PRIMARY KEY, expected_output TEXT, output JSON, task_index INTEGER, inputs JSON, was_replayed BOOLEAN, timestamp DATETIME DEFAULT CURRENT_TIMESTAMP)");
    crew.run("INSERT INTO latest_kickoff_task_outputs VALUES ('t1', 'a token', ?, 0, '{}', 0, '2026-03-08 07:00:00')", [JSON.stringify({ raw: `token is ${token}` })]);
    const r1 = await scanArtifact("crew/latest_kickoff_task_outputs.db", Buffer.from(crew.export()));
    const m1 = r1.matches.find((x) => x.secret === token)!;
    expect(m1.pointer).toBe("latest_kickoff_task_outputs[t1].output#/raw");
    expect(m1.artifact).toBe("crewai-task-outputs");
    expect(m1.taskWindow).toEqual({ start: "2026-03-08T07:00:00.000Z", end: "2026-03-08T07:00:00.000Z" });

    const cursor = new SQL.Database();
    cursor.run("CREATE TABLE cursorDiskKV (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB)");
    cursor.run("INSERT INTO cursorDiskKV VALUES ('bubbleId:1:2', ?)", [JSON.stringify({ text: `use ${token}`, createdAt: 1772956800000 })]);
    const r2 = await scanArtifact("Cursor/User/globalStorage/state.vscdb", Buffer.from(cursor.export()));
    const m2 = r2.matches.find((x) => x.secret === token)!;
    expect(m2.pointer).toBe("cursorDiskKV[1].value#/text");
    expect(m2.artifact).toBe("cursor-state");
    expect(m2.taskWindow?.start).toBe("2026-03-08T08:00:00.000Z");
  });
});

describe("WAL sidecar", () => {
  it("raw-scans a -wal file frame by frame", async () => {
    const token = githubToken();
    const r = await scanArtifact("agent/checkpoints.sqlite-wal", await walSidecar(token));
    const m = r.matches.find((x) => x.secret === token)!;
    expect(m.pointer).toBe("frame[1].page[2]");
    expect(m.artifact).toBe("sqlite-wal");
    expect(m.start).toBeGreaterThan(56);
    expect(m.startPos.line).toBeNull();
  });
});
