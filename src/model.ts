// The types every pipeline stage shares. Stages depend on this module, never on each other sideways.
// Field names mirror the JSON output contract (../shared/design/OUTPUT.md); change with care.

export const SEVERITIES = ["info", "low", "medium", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CONFIDENCES = ["low", "medium", "high"] as const;
export type Confidence = (typeof CONFIDENCES)[number];

/** Where a blob's bytes came from. */
export type SourceKind = "file" | "git" | "stdin" | "archive";

/** Rank of a severity, higher is worse; used for thresholds and sorting. */
export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** Identifies the bytes of one blob: a file, a git blob, stdin or an archive member. */
export interface Origin {
  kind: SourceKind;
  /** The scan target as the user gave it (".", "repo", "-"). */
  target: string;
  /** Path relative to the target, forward slashes ("-" for stdin). */
  path: string;
  /** Absolute filesystem path, when the blob is a file on disk. */
  absPath?: string;
  /** git: the blob's object id. */
  blobId?: string;
  /** git: the commit that first introduced this blob at this path. */
  commit?: string;
  author?: string;
  date?: string;
  presentAtHead?: boolean;
}

/** Bytes plus where they came from: what sources yield. */
export interface Blob {
  origin: Origin;
  bytes: Buffer;
}

/** The first and last instant of the task evident in an artifact (CI job, agent session). */
export interface TaskWindow {
  start: string | null;
  end: string | null;
}

/** A line/column position in the raw blob, 1-based; null where the bytes have no lines (SQLite). */
export interface Position {
  line: number | null;
  column: number | null;
}

/**
 * Text to scan, cut from a blob by an extractor. `data` is either the raw bytes (read as latin1, so
 * offsets are byte offsets and nothing is decoded until a rule needs it) or a decoded string;
 * `rawOffset` maps an offset in it back to a byte offset in the blob (null: no usable position).
 */
export interface Segment {
  data: Buffer | string;
  /** Map an offset in `data` to a byte offset in the raw blob. */
  rawOffset(offset: number): number | null;
  /** True when the blob's bytes have lines (false for SQLite pages and other binary containers). */
  hasLines: boolean;
  /**
   * For text that is not the blob's own bytes (a member of a zip archive): the line and column of an
   * offset in `data`, counted in that text. Overrides `rawOffset` for positions.
   */
  position?: (offset: number) => Position;
  /** JSON pointer (or table[key].column#pointer) inside a structured artifact. */
  pointer?: string;
  /**
   * For a segment that joins many values (so pairs and nearby identities are still found across
   * them): the pointer of the value at an offset in `data`; falls back to `pointer`.
   */
  pointerAt?: (offset: number) => string | undefined;
  /** Artifact type: "plain", "github-actions-log", "claude-code-transcript", ... */
  artifact: string;
  /** How the text was obtained from the raw bytes: "raw", "base64", "json-string", "percent". */
  layer: string;
  taskWindow?: TaskWindow;
  /**
   * Facts about the surroundings that classification may use, e.g. { ciPlatform: "github-actions",
   * oidc: false } for a workflow without `id-token: write`. Never holds secret material.
   */
  context?: Record<string, string | number | boolean>;
}

/** A raw detection: one rule matched one secret at one place. */
export interface Match {
  ruleId: string;
  secret: string;
  identity?: string;
  /** Byte offsets of the secret in the raw blob (or of the encoded span it came from). */
  start: number;
  end: number;
  startPos: Position;
  endPos: Position;
  pointer?: string;
  artifact: string;
  layer: string;
  taskWindow?: TaskWindow;
  context?: Record<string, string | number | boolean>;
  /** The rule's validator failed but the rule keeps such candidates at lower confidence. */
  downgraded?: boolean;
  /** Extra context a rule captured beyond secret and identity (e.g. url, host, user). */
  groups?: Record<string, string>;
}

export interface Location {
  target: string;
  path: string;
  line: number | null;
  column: number | null;
  endLine: number | null;
  endColumn: number | null;
  kind: SourceKind;
  commit?: string;
  author?: string;
  date?: string;
  presentAtHead?: boolean;
  pointer?: string;
}

export type LifetimeKind = "jwt" | "signed-url" | "sas" | "sts" | "implied";

export interface Lifetime {
  kind: LifetimeKind;
  basis: string;
  issuedAt: string | null;
  notBefore: string | null;
  expiresAt: string | null;
  lifetimeSeconds: number | null;
  expired: boolean;
  remainingSeconds: number | null;
  taskEnd: string | null;
  outlivesTask: boolean | null;
  residualSeconds: number | null;
  /** A recognised issuer ("github-actions-oidc", "kubernetes", "entra-id", ...). */
  issuer?: string;
  /**
   * Implied lifetimes only: how long the kind stays valid by design (ghs_ tokens 1 h, ASIA keys at
   * most 36 h) when the exact expiry cannot be read; `expiresAt` is then null without meaning "never".
   */
  maxSeconds?: number;
}

export interface NhiRef {
  id: string;
  title: string;
}

export interface SecretInfo {
  redacted: string;
  length: number;
  sha256: string;
  value?: string;
  identity?: string;
}

/** One secret at one location: the unit of every report. */
export interface Finding {
  fingerprint: string;
  ruleId: string;
  ruleName: string;
  family: string;
  severity: Severity;
  confidence: Confidence;
  secret: SecretInfo;
  location: Location;
  artifact: string;
  /** First and last timestamp of the artifact's task (CI job, agent session, checkpoint thread). */
  taskWindow?: TaskWindow;
  lifetime?: Lifetime;
  claims?: Record<string, unknown>;
  nhi: NhiRef[];
  occurrences: number;
  /** Set when a baseline or ignore file accepted this finding; such findings never gate. */
  suppressed?: { by: string; reason?: string };
  /** With --baseline: "unchanged" when the baseline holds this fingerprint, else "new". */
  baselineState?: "new" | "unchanged";
  /** Rationale lines from the classification rules that fired, keyed by NHI id. */
  rationale?: Record<string, string>;
}

export interface ScanStats {
  files: number;
  blobs: number;
  bytes: number;
  /** git: commits whose changes were read. */
  commits?: number;
  skipped: { binary: number; tooLarge: number; unreadable: number; ignored?: number };
  durationMs: number;
}

export interface ScanError {
  path: string;
  message: string;
}

export interface ScanInfo {
  startedAt: string;
  finishedAt: string;
  now: string;
  targets: string[];
  source: "filesystem" | "git" | "stdin" | "agents" | "merged";
  stats: ScanStats;
  /** `nhi-scan agents`: the agent tools whose files were found and scanned. */
  agents?: AgentToolSummary[];
}

/** One agent tool met by `nhi-scan agents`: where its files were and how many findings they gave. */
export interface AgentToolSummary {
  tool: string;
  paths: string[];
  findings: number;
}

/** The JSON report, schemaVersion 1. */
export interface Report {
  schemaVersion: 1;
  tool: { name: "nhi-scan"; version: string };
  scan: ScanInfo;
  findings: Finding[];
  errors: ScanError[];
}
