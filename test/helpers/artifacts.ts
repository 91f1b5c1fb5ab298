// Builds agent and CI artifacts at test time (no checked-in binaries): transcripts, real SQLite files
// in the LangGraph and OpenAI Agents SDK schemas written with sql.js, msgpack blobs with LangGraph's
// extension types, a WAL sidecar, MCP configs, notebooks, CI logs and their zip archive.
import { encode, ExtData } from "@msgpack/msgpack";
import { zipSync } from "fflate";
import initSqlJs, { type SqlJsStatic } from "sql.js";

let sql: SqlJsStatic | null = null;

/** The sql.js module (loaded once). */
export async function sqlJs(): Promise<SqlJsStatic> {
  sql ??= await initSqlJs();
  return sql;
}

/** The 1-based line of the first occurrence of `needle` in `text`, and its 1-based column. */
export function lineColOf(text: string, needle: string, from = 0): { line: number; column: number } {
  const i = text.indexOf(needle, from);
  if (i < 0) throw new Error("needle not found");
  const before = text.slice(0, i);
  const line = before.split("\n").length;
  return { line, column: i - before.lastIndexOf("\n") };
}

export const CLAUDE_START = "2026-03-01T09:00:00.000Z";
export const CLAUDE_END = "2026-03-01T09:12:30.500Z";

/** A Claude Code session: the agent reads a .env file; the tool result holds the token in an escaped string. */
export function claudeTranscript(token: string): string {
  const base = { sessionId: "5b1c0e6a-0000-4000-8000-000000000001", cwd: "/home/dev/app", gitBranch: "main", version: "2.0.1" };
  const lines = [
    { ...base, type: "user", parentUuid: null, uuid: "u1", timestamp: CLAUDE_START, message: { role: "user", content: "Why does deploy fail? Check .env" } },
    {
      ...base,
      type: "assistant",
      parentUuid: "u1",
      uuid: "a1",
      timestamp: "2026-03-01T09:01:10.000Z",
      message: { role: "assistant", content: [{ type: "tool_use", id: "toolu_1", name: "Read", input: { file_path: "/home/dev/app/.env" } }] },
    },
    {
      ...base,
      type: "user",
      parentUuid: "a1",
      uuid: "u2",
      timestamp: "2026-03-01T09:01:11.000Z",
      message: { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_1", content: `NODE_ENV="production"\nAPI_URL=https://api.example.test/v1\nGITHUB_TOKEN=${token}\nLOG_LEVEL=info\n` }] },
      toolUseResult: { type: "text", file: { filePath: "/home/dev/app/.env", content: `NODE_ENV="production"\nGITHUB_TOKEN=${token}\n` } },
    },
    { ...base, type: "assistant", parentUuid: "u2", uuid: "a2", timestamp: CLAUDE_END, message: { role: "assistant", content: [{ type: "text", text: "The token looks fine." }] } },
  ];
  return `${lines.map((l) => JSON.stringify(l)).join("\n")}\n`;
}

export const CODEX_START = "2026-03-02T14:00:00.123Z";
export const CODEX_END = "2026-03-02T14:05:00.000Z";

/** A Codex CLI rollout whose function call output (JSON inside a JSON string) holds the token. */
export function codexRollout(token: string): string {
  const output = JSON.stringify({ output: `export GH_TOKEN=${token}\n`, metadata: { exit_code: 0 } });
  const lines = [
    { timestamp: CODEX_START, type: "session_meta", payload: { id: "0199-abcd", timestamp: CODEX_START, cwd: "/home/dev/app", originator: "codex_cli_rs" } },
    { timestamp: "2026-03-02T14:01:00.000Z", type: "response_item", payload: { type: "function_call", name: "shell", arguments: JSON.stringify({ command: ["bash", "-lc", "cat ~/.bashrc | grep TOKEN"] }), call_id: "call_1" } },
    { timestamp: "2026-03-02T14:01:02.000Z", type: "response_item", payload: { type: "function_call_output", call_id: "call_1", output } },
    { timestamp: CODEX_END, type: "event_msg", payload: { type: "agent_message", message: "Done." } },
  ];
  return `${lines.map((l) => JSON.stringify(l)).join("\n")}\n`;
}

/** A LangGraph message as JsonPlusSerializer writes it: ext type 5 (pydantic v2) around (module, class, kwargs, method). */
function lcMessage(cls: string, kwargs: Record<string, unknown>): ExtData {
  return new ExtData(5, encode(["langchain_core.messages." + cls.toLowerCase().replace("message", ""), cls, kwargs, "model_validate_json"]));
}

export const LANGGRAPH_THREAD = "thread-42";
export const LANGGRAPH_CKPT = "1f0a2b3c-4d5e-6f70-8000-000000000001";
export const LANGGRAPH_TS1 = "2026-03-03T10:00:00.000000+00:00";
export const LANGGRAPH_TS2 = "2026-03-03T10:07:30.000000+00:00";

/** A LangGraph SQLite checkpointer database; the token sits in a tool message of the second checkpoint. */
export async function langgraphDb(token: string, writeToken: string): Promise<Buffer> {
  const SQL = await sqlJs();
  const db = new SQL.Database();
  db.run(`CREATE TABLE checkpoints (thread_id TEXT NOT NULL, checkpoint_ns TEXT NOT NULL DEFAULT '', checkpoint_id TEXT NOT NULL,
    parent_checkpoint_id TEXT, type TEXT, checkpoint BLOB, metadata BLOB, PRIMARY KEY (thread_id, checkpoint_ns, checkpoint_id))`);
  db.run(`CREATE TABLE writes (thread_id TEXT NOT NULL, checkpoint_ns TEXT NOT NULL DEFAULT '', checkpoint_id TEXT NOT NULL,
    task_id TEXT NOT NULL, idx INTEGER NOT NULL, channel TEXT NOT NULL, type TEXT, value BLOB,
    PRIMARY KEY (thread_id, checkpoint_ns, checkpoint_id, task_id, idx))`);
  const first = { v: 4, ts: LANGGRAPH_TS1, id: "1f0a2b3c-4d5e-6f70-8000-000000000000", channel_values: { messages: [lcMessage("HumanMessage", { content: "list my repos", type: "human" })] }, channel_versions: {}, versions_seen: {} };
  const second = {
    v: 4,
    ts: LANGGRAPH_TS2,
    id: LANGGRAPH_CKPT,
    channel_values: {
      messages: [
        lcMessage("HumanMessage", { content: "list my repos", type: "human" }),
        lcMessage("ToolMessage", { content: `curl -H 'Authorization: token ${token}' https://api.github.com/user/repos`, tool_call_id: "call_9", type: "tool" }),
      ],
    },
    channel_versions: { messages: 3 },
    versions_seen: {},
  };
  const meta = Buffer.from(JSON.stringify({ source: "loop", step: 1, writes: null }));
  db.run("INSERT INTO checkpoints VALUES (?, '', ?, NULL, 'msgpack', ?, ?)", [LANGGRAPH_THREAD, first.id, encode(first), meta]);
  db.run("INSERT INTO checkpoints VALUES (?, '', ?, ?, 'msgpack', ?, ?)", [LANGGRAPH_THREAD, second.id, first.id, encode(second), meta]);
  db.run("INSERT INTO writes VALUES (?, '', ?, 'task-1', 0, 'messages', 'msgpack', ?)", [LANGGRAPH_THREAD, LANGGRAPH_CKPT, encode([lcMessage("AIMessage", { content: "", additional_kwargs: { tool_calls: [{ function: { arguments: JSON.stringify({ token: writeToken }) } }] } })])]);
  db.run("INSERT INTO writes VALUES (?, '', ?, 'task-1', 1, 'secret_channel', 'msgpack+aes', ?)", [LANGGRAPH_THREAD, LANGGRAPH_CKPT, new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])]);
  db.run("INSERT INTO writes VALUES (?, '', ?, 'task-1', 2, 'notes', 'json', ?)", [LANGGRAPH_THREAD, LANGGRAPH_CKPT, Buffer.from(JSON.stringify({ note: "nothing here at all" }))]);
  const out = Buffer.from(db.export());
  db.close();
  return out;
}

export const AGENTS_SESSION = "user-7";

/** An OpenAI Agents SDK SQLiteSession database (default table names); the token is in a tool call output. */
export async function agentsSessionDb(token: string): Promise<Buffer> {
  const SQL = await sqlJs();
  const db = new SQL.Database();
  db.run("CREATE TABLE agent_sessions (session_id TEXT PRIMARY KEY, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP)");
  db.run(`CREATE TABLE agent_messages (id INTEGER PRIMARY KEY AUTOINCREMENT, session_id TEXT NOT NULL, message_data TEXT NOT NULL,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, FOREIGN KEY (session_id) REFERENCES agent_sessions (session_id) ON DELETE CASCADE)`);
  db.run("INSERT INTO agent_sessions VALUES (?, '2026-03-04 08:00:00', '2026-03-04 08:20:00')", [AGENTS_SESSION]);
  db.run("INSERT INTO agent_messages (session_id, message_data, created_at) VALUES (?, ?, '2026-03-04 08:00:05')", [AGENTS_SESSION, JSON.stringify({ role: "user", content: "deploy it" })]);
  db.run("INSERT INTO agent_messages (session_id, message_data, created_at) VALUES (?, ?, '2026-03-04 08:19:59')", [
    AGENTS_SESSION,
    JSON.stringify({ type: "function_call_output", call_id: "c1", output: `{"stdout": "using token ${token}\\n"}` }),
  ]);
  const out = Buffer.from(db.export());
  db.close();
  return out;
}

/**
 * A write-ahead log sidecar whose one frame carries a database page holding `token`: the page is
 * taken from a real sql.js database, framed as SQLite writes WAL frames.
 */
export async function walSidecar(token: string): Promise<Buffer> {
  const SQL = await sqlJs();
  const db = new SQL.Database();
  db.run("CREATE TABLE kv (k TEXT PRIMARY KEY, v TEXT)");
  db.run("INSERT INTO kv VALUES ('pending', ?)", [`late write ${token}`]);
  const file = Buffer.from(db.export());
  db.close();
  const pageSize = file.readUInt16BE(16) === 1 ? 65536 : file.readUInt16BE(16);
  const pageNo = 2;
  const page = file.subarray((pageNo - 1) * pageSize, pageNo * pageSize);
  const header = Buffer.alloc(32);
  header.writeUInt32BE(0x377f0682, 0);
  header.writeUInt32BE(3007000, 4);
  header.writeUInt32BE(pageSize, 8);
  header.writeUInt32BE(1, 12); // checkpoint sequence
  const frame = Buffer.alloc(24);
  frame.writeUInt32BE(pageNo, 0);
  frame.writeUInt32BE(2, 4); // database size in pages after this commit
  return Buffer.concat([header, frame, page]);
}

export const GHA_START = "2026-03-05T12:00:01.1234567Z";
export const GHA_END = "2026-03-05T12:03:59.7654321Z";

/** A GitHub Actions job log; the token is echoed (after a colour code) inside the "Run ./deploy.sh" step. */
export function githubActionsLog(token: string): string {
  return [
    `\uFEFF${GHA_START} Requested labels: ubuntu-latest`,
    "2026-03-05T12:00:01.2000000Z Job defined at: acme/app/.github/workflows/ci.yml@refs/heads/main",
    "2026-03-05T12:00:02.0000000Z ##[group]GITHUB_TOKEN Permissions",
    "2026-03-05T12:00:02.0000000Z Contents: read",
    "2026-03-05T12:00:02.0000000Z ##[endgroup]",
    "2026-03-05T12:00:03.0000000Z Secret source: Actions",
    "2026-03-05T12:01:00.0000000Z ##[group]Run ./deploy.sh",
    "2026-03-05T12:01:00.0000000Z \x1b[36;1m./deploy.sh\x1b[0m",
    "2026-03-05T12:01:00.0000000Z ##[endgroup]",
    `2026-03-05T12:01:05.0000000Z \x1b[32m${token}\x1b[0m was used to push`,
    "2026-03-05T12:01:06.0000000Z masked value: ***",
    `${GHA_END} Cleaning up orphan processes`,
    "",
  ].join("\n");
}

/** The zip archive the API returns for a run's logs. */
export function githubActionsLogZip(jobLog: string): Buffer {
  return Buffer.from(
    zipSync({
      "0_build.txt": Buffer.from(jobLog),
      "build/1_Set up job.txt": Buffer.from("2026-03-05T12:00:01.1234567Z Current runner version: '2.320.0'\n"),
    }),
  );
}

export const GITLAB_START_EPOCH = 1772791200; // 2026-03-06T10:00:00Z
export const GITLAB_END_EPOCH = 1772791500; // 2026-03-06T10:05:00Z

/** A GitLab job log with section markers; the token is printed in the `step_script` section. */
export function gitlabLog(token: string): string {
  const e = "\x1b[0K";
  return [
    `${e}Running with gitlab-runner 17.5.0 (abc123)`,
    `section_start:${GITLAB_START_EPOCH}:prepare_executor\r${e}${e}\x1b[36;1mPreparing the "docker" executor\x1b[0;m`,
    `section_end:${GITLAB_START_EPOCH + 5}:prepare_executor\r${e}`,
    `section_start:${GITLAB_START_EPOCH + 10}:step_script\r${e}${e}\x1b[36;1mExecuting "step_script" stage\x1b[0;m`,
    `\x1b[32;1m$ ./publish.sh\x1b[0;m`,
    `Publishing with token ${token}`,
    `section_end:${GITLAB_END_EPOCH}:step_script\r${e}`,
    `\x1b[32;1mJob succeeded\x1b[0;m`,
    "",
  ].join("\n");
}

/** A notebook: the token appears in a stream output (a list of lines) and in an ANSI-coloured traceback. */
export function notebook(token: string, tracebackToken: string): string {
  return JSON.stringify(
    {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { kernelspec: { name: "python3", display_name: "Python 3" }, papermill: { start_time: "2026-03-07T08:00:00.000000", end_time: "2026-03-07T08:02:10.500000" } },
      cells: [
        { cell_type: "markdown", id: "m1", metadata: {}, source: ["# Deploy notebook\n", "Reads the token from the environment.\n"] },
        {
          cell_type: "code",
          id: "c1",
          execution_count: 1,
          metadata: {},
          source: ["import os\n", "print(os.environ['GH_TOKEN'])\n"],
          outputs: [{ output_type: "stream", name: "stdout", text: ["env loaded\n", `${token}\n`] }],
        },
        {
          cell_type: "code",
          id: "c2",
          execution_count: 2,
          metadata: {},
          source: "requests.get(url, headers=h)",
          outputs: [
            {
              output_type: "error",
              ename: "HTTPError",
              evalue: "401",
              traceback: ["\x1b[0;31m---------------------------------------------------------------------------\x1b[0m", `\x1b[0;31mHTTPError\x1b[0m: 401 for token=\x1b[1m${tracebackToken}\x1b[0m`],
            },
          ],
        },
      ],
    },
    null,
    1,
  );
}
