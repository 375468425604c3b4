/**
 * A set of ranges answering "does this range overlap one of them?" with a binary search, so that a
 * file with thousands of candidate secrets is not checked pairwise.
 *
 * Two ranges overlap when each starts before the other ends (`a.start < b.end && b.start < a.end`):
 * ranges that only touch do not, and an empty range overlaps a range it lies strictly inside. Ranges
 * that overlap are kept merged, which answers the question the same way: any point strictly inside
 * the merged range is strictly inside one of its parts. What is left is sorted by start and, since
 * no two overlap, by end too, so of the ranges starting before a query ends only the last can reach
 * past its start.
 */
import type { Range } from '../../engine/types';

export class SpanSet {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  get size(): number {
    return this.starts.length;
  }

  overlaps(range: Range): boolean {
    const before = this.firstStartingAtOrAfter(range.end);
    return before > 0 && this.ends[before - 1]! > range.start;
  }

  /** Adds `range`, merged with the ranges it overlaps. */
  add(range: Range): void {
    const from = this.firstEndingAfter(range.start);
    const to = this.firstStartingAtOrAfter(range.end);
    if (from >= to) {
      this.starts.splice(to, 0, range.start);
      this.ends.splice(to, 0, range.end);
      return;
    }
    const start = Math.min(range.start, this.starts[from]!);
    const end = Math.max(range.end, this.ends[to - 1]!);
    this.starts.splice(from, to - from, start);
    this.ends.splice(from, to - from, end);
  }

  /** Adds `range` unless it overlaps one already there; returns whether it was added. */
  claim(range: Range): boolean {
    if (this.overlaps(range)) return false;
    this.add(range);
    return true;
  }

  private firstStartingAtOrAfter(offset: number): number {
    let low = 0;
    let high = this.starts.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.starts[middle]! < offset) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private firstEndingAfter(offset: number): number {
    let low = 0;
    let high = this.ends.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.ends[middle]! <= offset) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
