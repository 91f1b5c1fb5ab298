// Binary search shared by the offset maps: which line (or piece) an offset falls in.

/** Index of the last entry of a sorted array that is <= x (0 when none is). */
export function floorIndex(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
