import { deepFreeze } from '../../../shared/domain/changes.js';
import type { KithFile } from '../../../shared/domain/model.js';

/** Where one top-level value of the remembered document lies in its bytes. */
interface Field {
  readonly value: unknown;
  readonly start: number;
  readonly end: number;
  /** For an array: element `i` spans `[start + bounds[i], start + bounds[i + 1] - 1)`, the byte after it being `,` or `]`. */
  readonly bounds?: Uint32Array;
}

/** The last document serialised, its bytes, and where each top-level value and array element lies in them. */
interface Remembered {
  readonly bytes: Buffer;
  readonly fields: ReadonlyMap<string, Field>;
}

/** What the last `serialize` did, for tests and benchmarks. */
export interface SerializeStats {
  /** Values encoded with JSON.stringify: array elements, and other top-level values. */
  readonly fresh: number;
  /** Array elements and whole top-level values whose bytes were copied from the remembered ones. */
  readonly copied: number;
  /** Copies made (consecutive elements are copied at once). */
  readonly runs: number;
}

/** Longest stretch of synchronous work before yielding to the event loop, in ms. */
const SLICE_MS = 8;
/** Misses in a row after which the old elements are indexed by identity to find moved ones. */
const MISSES_BEFORE_INDEX = 8;

const COMMA = 0x2c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Serialises data files to exactly `JSON.stringify(doc)` as UTF-8, in time
 * proportional to what changed since the last document it serialised: an
 * array element (or a whole top-level value) that is the very same object as
 * one of the remembered document has its bytes copied from the remembered
 * bytes; anything else is encoded afresh.
 *
 * Identity implies the same bytes because every object is deep-frozen in the
 * same synchronous step that encodes it: what is remembered can no longer
 * change. (Documents are immutable anyway — edits replace entity objects —
 * and the store freezes them on load; the freeze here makes the cache's
 * correctness independent of every other module.)
 *
 * Large fresh encodes yield to the event loop every few milliseconds, so the
 * thread keeps serving calls. One serialisation runs at a time; `warm` runs
 * one in the background to remember a document before its first save.
 */
export class IncrementalSerializer {
  private remembered: Remembered | undefined;
  private running: Promise<unknown> = Promise.resolve();
  /** Bumped by `forget` and `warm`, so that a background run already under way drops its result. */
  private generation = 0;
  private warmTimer: NodeJS.Timeout | undefined;
  private startWarm: (() => void) | undefined;
  private last: SerializeStats = { fresh: 0, copied: 0, runs: 0 };
  /** Buffers handed back through `release`: their memory may be written again once they are not the remembered bytes. */
  private readonly released = new WeakSet<ArrayBufferLike>();
  /** A released buffer that is not the remembered one, to write the next serialisation into. */
  private spare: Buffer | undefined;

  /** What the last completed serialisation did. */
  get lastStats(): SerializeStats {
    return this.last;
  }

  /** Whether a document is remembered (a warm-up or a save has completed). */
  get isWarm(): boolean {
    return this.remembered !== undefined;
  }

  /**
   * The bytes of `JSON.stringify(doc)`. Deep-freezes every object it encodes
   * (entities, top-level arrays, other top-level objects) and remembers the
   * result for the next call. The returned buffer is never modified later,
   * unless it is handed back with `release`.
   */
  serialize(doc: KithFile): Promise<Buffer> {
    this.cancelWarmTimer();
    const run = this.running.then(() => this.encode(doc, this.generation));
    this.running = run.catch(() => undefined);
    return run;
  }

  /**
   * Remembers `doc` in the background after `delayMs`, so that its first save
   * is incremental too. A `serialize` that comes meanwhile waits for it (the
   * work is the same either way); `forget` stops it.
   */
  warm(doc: KithFile, delayMs = 0): void {
    this.cancelWarmTimer();
    const generation = ++this.generation;
    this.startWarm = () => {
      this.cancelWarmTimer();
      this.running = this.running.then(() => this.encode(doc, generation, true)).catch(() => undefined);
    };
    this.warmTimer = setTimeout(this.startWarm, delayMs);
    this.warmTimer.unref();
  }

  /** Starts a scheduled warm-up now and resolves when no serialisation is running. */
  async idle(): Promise<void> {
    this.startWarm?.();
    await this.running;
  }

  /**
   * Hands back a buffer that `serialize` returned, once nothing reads it any
   * more (written, hashed): a later serialisation may then write into its
   * memory. Reusing two buffers in turn spares the allocation and first
   * touch of many megabytes per save, and the garbage collections that such
   * allocations trigger.
   */
  release(bytes: Buffer): void {
    this.released.add(bytes.buffer);
    if (bytes.buffer !== this.remembered?.bytes.buffer) this.keepSpare(bytes);
  }

  /** Drops what is remembered and stops a background warm-up. */
  forget(): void {
    this.cancelWarmTimer();
    this.generation += 1;
    this.remembered = undefined;
    this.spare = undefined;
  }

  private keepSpare(bytes: Buffer): void {
    // Outputs are at least 64 KiB, so they own their memory; a slice of Node's shared pool must never be reused.
    if (bytes.byteOffset !== 0 || bytes.buffer.byteLength < 65_536) return;
    const whole = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.buffer.byteLength - bytes.byteOffset);
    if (!this.spare || whole.length > this.spare.length) this.spare = whole;
  }

  private cancelWarmTimer(): void {
    clearTimeout(this.warmTimer);
    this.warmTimer = undefined;
    this.startWarm = undefined;
  }

  private async encode(doc: KithFile, generation: number, isWarmUp = false): Promise<Buffer> {
    const old = this.remembered;
    const capacity = old ? old.bytes.length + (old.bytes.length >> 3) + 65_536 : 1 << 20;
    const spare = this.spare && this.spare.length >= capacity ? this.spare : undefined;
    this.spare = undefined;
    // Its memory now holds the new output, which its caller has not released.
    if (spare) this.released.delete(spare.buffer);
    const out = new Output(capacity, spare);
    const fields = new Map<string, Field>();
    const stats = { fresh: 0, copied: 0, runs: 0 };
    let sliceStart = performance.now();
    let work = 0;
    // Synchronous unless it is time to yield: an await per element would cost more than copying it.
    const pause = (): Promise<void> | undefined => {
      if ((++work & 63) !== 0 || performance.now() - sliceStart < SLICE_MS) return undefined;
      return yieldToEventLoop().then(() => {
        sliceStart = performance.now();
      });
    };

    const record = doc as unknown as Record<string, unknown>;
    let first = true;
    for (const key of Object.keys(record)) {
      const value = record[key];
      if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
      out.byte(first ? 0x7b : COMMA);
      first = false;
      out.text(`${JSON.stringify(key)}:`);
      const start = out.pos;
      const before = old?.fields.get(key);
      if (before && old && typeof value === 'object' && value !== null && before.value === value) {
        out.copy(old.bytes, before.start, before.end);
        stats.copied += 1;
        stats.runs += 1;
        fields.set(key, { value, start, end: out.pos, ...(before.bounds ? { bounds: before.bounds } : {}) });
        continue;
      }
      if (Array.isArray(value)) {
        // Before the elements (each is frozen as it is encoded): the encoding may yield, and the array must not change meanwhile.
        Object.freeze(value);
        const bounds = await this.encodeArray(
          value,
          old && before?.bounds ? { bytes: old.bytes, field: before } : undefined,
          out,
          stats,
          pause,
        );
        fields.set(key, { value, start, end: out.pos, bounds });
      } else {
        deepFreeze(value);
        out.text(JSON.stringify(value));
        stats.fresh += 1;
        fields.set(key, { value, start, end: out.pos });
      }
      const yielded = pause();
      if (yielded) await yielded;
    }
    out.byte(first ? 0x7b : 0x7d);
    if (first) out.byte(0x7d);
    const bytes = out.result();
    // Nobody else holds a warm-up's bytes.
    if (isWarmUp) this.released.add(bytes.buffer);
    if (generation === this.generation) {
      this.remembered = { bytes, fields };
      this.last = stats;
      if (old && this.released.has(old.bytes.buffer)) this.keepSpare(old.bytes);
    } else if (isWarmUp) {
      this.keepSpare(bytes);
    }
    return bytes;
  }

  /** Writes `[…]` for `list`, copying runs of elements found in `old`; returns the elements' bounds relative to the array's start. */
  private async encodeArray(
    list: readonly unknown[],
    old: { bytes: Buffer; field: Field } | undefined,
    out: Output,
    stats: { fresh: number; copied: number; runs: number },
    pause: () => Promise<void> | undefined,
  ): Promise<Uint32Array> {
    const n = list.length;
    const base = out.pos;
    const bounds = new Uint32Array(n + 1);
    out.byte(OPEN_BRACKET);
    const oldList = old ? (old.field.value as readonly unknown[]) : [];
    const oldBounds = old?.field.bounds;
    const oldStart = old?.field.start ?? 0;
    const oldN = oldList.length;
    let index: Map<unknown, number> | undefined;
    let misses = 0;
    let j = 0;
    const find = (x: unknown): number => {
      if (oldN === 0 || typeof x !== 'object' || x === null) return -1;
      // Edits keep order: the element is usually next in the old array, or just after a replaced or deleted one.
      for (let k = j; k < j + 3 && k < oldN; k++) if (oldList[k] === x) return k;
      if (!index && ++misses >= MISSES_BEFORE_INDEX && j < oldN) {
        index = new Map();
        for (let k = 0; k < oldN; k++) index.set(oldList[k], k);
      }
      return index?.get(x) ?? -1;
    };
    let i = 0;
    while (i < n) {
      if (i > 0) out.byte(COMMA);
      const x = list[i];
      const k = old && oldBounds ? find(x) : -1;
      if (k >= 0 && old && oldBounds) {
        misses = 0;
        let m = 1;
        while (i + m < n && k + m < oldN && list[i + m] === oldList[k + m]) m++;
        const from = oldStart + (oldBounds[k] as number);
        const at = out.pos - base;
        out.copy(old.bytes, from, oldStart + (oldBounds[k + m] as number) - 1);
        for (let q = 0; q < m; q++) bounds[i + q] = at + (oldBounds[k + q] as number) - (oldBounds[k] as number);
        stats.copied += m;
        stats.runs += 1;
        i += m;
        j = k + m;
      } else {
        bounds[i] = out.pos - base;
        deepFreeze(x);
        out.text(JSON.stringify(x) ?? 'null');
        stats.fresh += 1;
        i += 1;
      }
      const yielded = pause();
      if (yielded) await yielded;
    }
    bounds[n] = out.pos - base + 1;
    out.byte(CLOSE_BRACKET);
    return bounds;
  }
}

/** One growing buffer that the serialisation writes into. */
class Output {
  private buf: Buffer;
  pos = 0;

  constructor(capacity: number, reuse?: Buffer) {
    this.buf = reuse ?? Buffer.allocUnsafe(capacity);
  }

  byte(b: number): void {
    if (this.pos >= this.buf.length) this.grow(1);
    this.buf[this.pos++] = b;
  }

  copy(source: Buffer, start: number, end: number): void {
    if (this.pos + (end - start) > this.buf.length) this.grow(end - start);
    this.pos += source.copy(this.buf, this.pos, start, end);
  }

  text(s: string): void {
    // At most 3 bytes per UTF-16 unit; measure exactly only when that bound does not fit.
    if (this.pos + s.length * 3 > this.buf.length) {
      const need = Buffer.byteLength(s, 'utf8');
      if (this.pos + need > this.buf.length) this.grow(need);
    }
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  result(): Buffer {
    return this.buf.subarray(0, this.pos);
  }

  private grow(need: number): void {
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + need + 65_536));
    this.buf.copy(bigger, 0, 0, this.pos);
    this.buf = bigger;
  }
}
