/** One row of `npm run bench`: a figure, its peer measured in the same run, and the target. */
export interface BenchRow {
  readonly group: string;
  readonly what: string;
  /** Median in ms. */
  readonly ms: number;
  readonly peer?: { readonly what: string; readonly ms: number };
  /** Human-readable target, e.g. "≤ 50 ms and ≤ peer". */
  readonly target: string;
  readonly pass: boolean;
  readonly note?: string;
}

export interface BenchCase {
  readonly group: string;
  run(): Promise<BenchRow[]>;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Runs `fn` `runs` times after `warmup` untimed runs; returns the median in ms. */
export async function time(fn: () => unknown, runs = 5, warmup = 1): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

export function formatTable(rows: readonly BenchRow[]): string {
  const header = ['group', 'what', 'median', 'peer (same run)', 'peer median', 'ratio', 'target', 'ok'];
  const lines = rows.map((r) => [
    r.group,
    r.what,
    `${r.ms.toFixed(1)} ms`,
    r.peer?.what ?? '',
    r.peer ? `${r.peer.ms.toFixed(1)} ms` : '',
    r.peer && r.peer.ms > 0 ? `${(r.ms / r.peer.ms).toFixed(2)}×` : '',
    r.target,
    r.pass ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const fmt = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [fmt(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(fmt)].join('\n');
}
