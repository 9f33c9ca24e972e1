/**
 * Deterministic randomness for the synthetic data set: the same seed gives the same data,
 * whatever the batch size, because every plan draws from its own stream (seed, plan number).
 */

/** 32-bit FNV-1a of a string: turns a seed text into a stream's starting state. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class Random {
  private state: number;
  constructor(seed: string) {
    this.state = hash32(seed) || 1;
  }
  /** mulberry32: fast, good enough for test data, and exactly reproducible. */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, maxInclusive: number): number {
    return min + Math.floor(this.next() * (maxInclusive - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** A value by weight: [[value, weight], …]. */
  weighted<T>(pairs: ReadonlyArray<readonly [T, number]>): T {
    const total = pairs.reduce((s, [, w]) => s + w, 0);
    let x = this.next() * total;
    for (const [v, w] of pairs) if ((x -= w) < 0) return v;
    return pairs.at(-1)![0];
  }
  /** Distinct items, up to n. */
  sample<T>(items: readonly T[], n: number): T[] {
    const copy = [...items];
    const out: T[] = [];
    while (out.length < n && copy.length) out.push(copy.splice(Math.floor(this.next() * copy.length), 1)[0]!);
    return out;
  }
  /**
   * A UUIDv7 (RFC 9562) at `ms`: time-ordered like the ids the application makes (src/store/ids.ts),
   * so the generated rows sit in the indexes as real ones would.
   */
  uuid(ms: number): string {
    const hex = (n: number, len: number) => Math.floor(n).toString(16).padStart(len, '0');
    const rnd = () => hex(this.next() * 0x10000, 4);
    const ts = hex(ms, 12);
    const variant = (8 + Math.floor(this.next() * 4)).toString(16);
    return `${ts.slice(0, 8)}-${ts.slice(8, 12)}-7${rnd().slice(1)}-${variant}${rnd().slice(1)}-${rnd()}${rnd()}${rnd()}`;
  }
}
