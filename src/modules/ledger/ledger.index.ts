/**
 * RS-7: line number → 53-bit fingerprint for a whole ledger (a million lines and more), kept out
 * of the traced heap. A Map of a million strings makes every major collection walk a million
 * objects while the export streams past and churns the young generation; here the line numbers
 * sit as UTF-16 code units in one pool and the table is open addressing over typed arrays, so
 * the collector sees a handful of buffers instead.
 */

const EMPTY = 0;

/** FNV-1a over UTF-16 code units (stable, and cheap on the short line numbers EOMS uses). */
function hashOf(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0;
}

export class LineIndex {
  /** Open-addressing table: slot + 1, or EMPTY. */
  private table = new Int32Array(1 << 16);
  private hashes = new Int32Array(1 << 15);
  private prints = new Float64Array(1 << 15);
  /** Slot k's line number is pool[starts[k] .. starts[k + 1]). */
  private starts = new Int32Array((1 << 15) + 1);
  private pool = new Uint16Array(1 << 19);
  private count = 0;

  get size(): number {
    return this.count;
  }

  private equals(slot: number, s: string): boolean {
    const from = this.starts[slot] as number;
    if ((this.starts[slot + 1] as number) - from !== s.length) return false;
    for (let i = 0; i < s.length; i++) if (this.pool[from + i] !== s.charCodeAt(i)) return false;
    return true;
  }

  /** The slot of a line number, or -1. */
  private find(s: string, h: number): number {
    const mask = this.table.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const at = this.table[i] as number;
      if (at === EMPTY) return -1;
      if (this.hashes[at - 1] === h && this.equals(at - 1, s)) return at - 1;
    }
  }

  private place(slot: number, h: number): void {
    const mask = this.table.length - 1;
    let i = h & mask;
    while (this.table[i] !== EMPTY) i = (i + 1) & mask;
    this.table[i] = slot + 1;
  }

  private grow(): void {
    const cap = this.hashes.length * 2;
    const grownInt = (old: Int32Array, n: number) => {
      const a = new Int32Array(n);
      a.set(old);
      return a;
    };
    this.hashes = grownInt(this.hashes, cap);
    this.starts = grownInt(this.starts, cap + 1);
    const prints = new Float64Array(cap);
    prints.set(this.prints);
    this.prints = prints;
    // The table stays at most half full so probes stay short.
    this.table = new Int32Array(cap * 2);
    for (let k = 0; k < this.count; k++) this.place(k, this.hashes[k] as number);
  }

  private append(s: string): void {
    const from = this.starts[this.count] as number;
    if (from + s.length > this.pool.length) {
      const pool = new Uint16Array(Math.max(this.pool.length * 2, from + s.length));
      pool.set(this.pool);
      this.pool = pool;
    }
    for (let i = 0; i < s.length; i++) this.pool[from + i] = s.charCodeAt(i);
    this.starts[this.count + 1] = from + s.length;
  }

  set(lineNo: string, print: number): void {
    const h = hashOf(lineNo);
    const slot = this.find(lineNo, h);
    if (slot >= 0) {
      this.prints[slot] = print;
      return;
    }
    if (this.count === this.hashes.length) this.grow();
    this.append(lineNo);
    this.hashes[this.count] = h;
    this.prints[this.count] = print;
    this.place(this.count, h);
    this.count += 1;
  }

  get(lineNo: string): number | undefined {
    const slot = this.find(lineNo, hashOf(lineNo));
    return slot < 0 ? undefined : this.prints[slot];
  }

  /** Replaces the fingerprint of a line already present; returns the one it had, or undefined. */
  swap(lineNo: string, print: number): number | undefined {
    const slot = this.find(lineNo, hashOf(lineNo));
    if (slot < 0) return undefined;
    const old = this.prints[slot];
    this.prints[slot] = print;
    return old;
  }

  /** Line numbers whose fingerprint is not `skip`, in insertion order. */
  *keysExcept(skip: number): Generator<string> {
    for (let k = 0; k < this.count; k++)
      if (this.prints[k] !== skip)
        yield String.fromCharCode(...this.pool.subarray(this.starts[k], this.starts[k + 1]));
  }
}
