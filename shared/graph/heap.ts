/**
 * Binary min-heap of (priority, node) pairs in typed arrays, with lazy
 * deletion: a node may be pushed again with a lower priority and the stale
 * entry is skipped by the caller. Grows by doubling; reused across searches.
 */
export class MinHeap {
  private keys: Float64Array;
  private values: Int32Array;
  private count = 0;

  constructor(capacity = 1024) {
    this.keys = new Float64Array(capacity);
    this.values = new Int32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  clear(): void {
    this.count = 0;
  }

  push(key: number, value: number): void {
    if (this.count === this.keys.length) this.grow();
    const keys = this.keys;
    const values = this.values;
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pk = keys[parent] as number;
      if (pk <= key) break;
      keys[i] = pk;
      values[i] = values[parent] as number;
      i = parent;
    }
    keys[i] = key;
    values[i] = value;
  }

  /** Priority of the smallest entry; only valid when `size > 0`. */
  peekKey(): number {
    return this.keys[0] as number;
  }

  /** Removes the smallest entry and returns its value; only valid when `size > 0`. */
  pop(): number {
    const keys = this.keys;
    const values = this.values;
    const top = values[0] as number;
    const n = --this.count;
    if (n > 0) {
      const key = keys[n] as number;
      const value = values[n] as number;
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= n) break;
        const right = child + 1;
        if (right < n && (keys[right] as number) < (keys[child] as number)) child = right;
        if ((keys[child] as number) >= key) break;
        keys[i] = keys[child] as number;
        values[i] = values[child] as number;
        i = child;
      }
      keys[i] = key;
      values[i] = value;
    }
    return top;
  }

  private grow(): void {
    const keys = new Float64Array(this.keys.length * 2);
    const values = new Int32Array(this.values.length * 2);
    keys.set(this.keys);
    values.set(this.values);
    this.keys = keys;
    this.values = values;
  }
}
