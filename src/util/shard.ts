// Deterministic work partitioning for organisation-wide sweeps: `--shard K/N` keeps the items whose
// hash falls in bucket K, so N independent jobs cover everything exactly once on any machine.
import { createHash } from "node:crypto";

export interface Shard {
  /** 1-based shard index. */
  index: number;
  count: number;
}

/** Parse "K/N" (1 <= K <= N); null when malformed. */
export function parseShard(v: string): Shard | null {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(v);
  if (!m) return null;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count || count > 100_000) return null;
  return { index, count };
}

/** The 1-based bucket of a key among `count` buckets (first 32 bits of its sha256). */
export function bucketOf(key: string, count: number): number {
  return (createHash("sha256").update(key).digest().readUInt32BE(0) % count) + 1;
}

/** A predicate that keeps keys of this shard; everything when there is no shard. */
export function shardFilter(shard: Shard | null | undefined): (key: string) => boolean {
  if (!shard || shard.count === 1) return () => true;
  return (key) => bucketOf(key, shard.count) === shard.index;
}
