import type React from 'react';

/** One coloured part of a chart. */
export interface Segment {
  readonly label: string;
  readonly value: number;
  readonly color: string;
  /** SVG dash pattern, so that colour is not the only cue. */
  readonly dash?: string;
}

const pct = (n: number, total: number) => (total === 0 ? 0 : Math.round((n / total) * 100));

/**
 * A donut drawn with SVG circles: each segment is an arc made from a stroke
 * dash on a circle, rotated to start at 12 o'clock. React elements only.
 */
export function Donut(props: {
  readonly segments: readonly Segment[];
  readonly size?: number;
  readonly title: string;
  readonly center?: string;
  readonly centerSub?: string;
  readonly testId?: string;
}): React.JSX.Element {
  const size = props.size ?? 132;
  const stroke = Math.round(size * 0.16);
  const r = (size - stroke) / 2;
  const c = 2 * Math.PI * r;
  const total = props.segments.reduce((s, x) => s + x.value, 0);
  let offset = 0;
  const label = `${props.title}: ${props.segments.map((s) => `${s.label} ${s.value} (${pct(s.value, total)}%)`).join(', ')}`;
  return (
    <figure className="chart donut" data-testid={props.testId}>
      <svg width={size} height={size} viewBox={`0 0 ${size} ${size}`} role="img" aria-label={label}>
        <circle cx={size / 2} cy={size / 2} r={r} fill="none" stroke="var(--surface-3)" strokeWidth={stroke} />
        {total > 0
          ? props.segments.map((s) => {
              const len = (s.value / total) * c;
              const el = (
                <circle
                  key={s.label}
                  cx={size / 2}
                  cy={size / 2}
                  r={r}
                  fill="none"
                  stroke={s.color}
                  strokeWidth={stroke}
                  strokeDasharray={`${len} ${c - len}`}
                  strokeDashoffset={-offset}
                  transform={`rotate(-90 ${size / 2} ${size / 2})`}
                >
                  <title>{`${s.label}: ${s.value} (${pct(s.value, total)}%)`}</title>
                </circle>
              );
              offset += len;
              return el;
            })
          : null}
        {props.center ? (
          <text x="50%" y={props.centerSub ? '47%' : '50%'} textAnchor="middle" dominantBaseline="middle" className="donut-center">
            {props.center}
          </text>
        ) : null}
        {props.centerSub ? (
          <text x="50%" y="62%" textAnchor="middle" dominantBaseline="middle" className="donut-sub">
            {props.centerSub}
          </text>
        ) : null}
      </svg>
      <figcaption>{props.title}</figcaption>
    </figure>
  );
}

/** Rows of 100% stacked bars, one per row, sharing a legend: compares balances side by side. */
export function StackedBars(props: {
  readonly rows: ReadonlyArray<{ readonly label: string; readonly segments: readonly Segment[] }>;
  readonly title: string;
  readonly testId?: string;
}): React.JSX.Element {
  const width = 400;
  const rowH = 20;
  const gap = 12;
  const labelW = 0;
  const height = props.rows.length * (rowH + gap + 12);
  const label = `${props.title}: ${props.rows
    .map((r) => {
      const total = r.segments.reduce((s, x) => s + x.value, 0);
      return `${r.label} — ${r.segments.map((s) => `${s.label} ${s.value} (${pct(s.value, total)}%)`).join(', ')}`;
    })
    .join('; ')}`;
  return (
    <figure className="chart stacked" data-testid={props.testId}>
      <svg
        width="100%"
        style={{ maxWidth: width }}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={label}
        preserveAspectRatio="xMinYMin meet"
      >
        {props.rows.map((row, i) => {
          const total = row.segments.reduce((s, x) => s + x.value, 0);
          const y = i * (rowH + gap + 12);
          let x = labelW;
          return (
            <g key={row.label}>
              <text x={0} y={y + 9} className="chart-label">
                {row.label}
                <tspan className="chart-muted">{` · ${total} ${total === 1 ? 'tie' : 'ties'}`}</tspan>
              </text>
              <rect x={0} y={y + 14} width={width} height={rowH} rx={4} fill="var(--surface-3)" />
              {row.segments.map((s) => {
                const w = total === 0 ? 0 : (s.value / total) * width;
                const el =
                  w > 0 ? (
                    <g key={s.label}>
                      <rect x={x} y={y + 14} width={w} height={rowH} fill={s.color}>
                        <title>{`${row.label}, ${s.label}: ${s.value} (${pct(s.value, total)}%)`}</title>
                      </rect>
                      {w > 34 ? (
                        <text x={x + w / 2} y={y + 14 + rowH / 2 + 1} textAnchor="middle" dominantBaseline="middle" className="bar-inside">
                          {`${pct(s.value, total)}%`}
                        </text>
                      ) : null}
                    </g>
                  ) : null;
                x += w;
                return el;
              })}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/** Horizontal bars with a label and a value each, scaled to the largest value. */
export function BarList(props: {
  readonly rows: ReadonlyArray<{
    readonly key: string;
    readonly label: string;
    readonly value: number;
    readonly color: string;
    readonly note?: string;
    readonly strong?: boolean;
  }>;
  readonly title: string;
  readonly testId?: string;
}): React.JSX.Element {
  const width = 400;
  const rowH = 24;
  const labelW = 178;
  const barMax = width - labelW - 34;
  const max = Math.max(1, ...props.rows.map((r) => r.value));
  const label = `${props.title}: ${props.rows.map((r) => `${r.label} ${r.value}`).join(', ')}`;
  return (
    <figure className="chart bars" data-testid={props.testId}>
      <svg
        width="100%"
        style={{ maxWidth: width }}
        viewBox={`0 0 ${width} ${props.rows.length * rowH}`}
        role="img"
        aria-label={label}
        preserveAspectRatio="xMinYMin meet"
      >
        {props.rows.map((r, i) => {
          const y = i * rowH;
          const w = (r.value / max) * barMax;
          return (
            <g key={r.key} className={r.strong ? 'bar-strong' : undefined}>
              <text x={0} y={y + rowH / 2 + 1} dominantBaseline="middle" className="chart-label">
                {r.strong ? '★ ' : ''}
                {r.label}
              </text>
              <rect x={labelW} y={y + 6} width={barMax} height={rowH - 12} rx={3} fill="var(--surface-3)" />
              <rect x={labelW} y={y + 6} width={Math.max(w, r.value > 0 ? 2 : 0)} height={rowH - 12} rx={3} fill={r.color}>
                <title>{`${r.label}: ${r.value}${r.note ? ` — ${r.note}` : ''}`}</title>
              </rect>
              <text x={labelW + barMax + 6} y={y + rowH / 2 + 1} dominantBaseline="middle" className="chart-value">
                {r.value}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/** Grouped vertical bars: one group per category (1, 2, 3 hops), one bar per series (Living, Doing). */
export function GroupedBars(props: {
  readonly groups: readonly string[];
  readonly series: ReadonlyArray<{
    readonly label: string;
    readonly color: string;
    readonly values: readonly number[];
    readonly dash?: boolean;
  }>;
  readonly title: string;
  readonly testId?: string;
}): React.JSX.Element {
  const width = 400;
  const height = 150;
  const base = height - 22;
  const top = 16;
  const max = Math.max(1, ...props.series.flatMap((s) => s.values));
  const groupW = width / props.groups.length;
  const barW = Math.min(40, (groupW - 30) / props.series.length);
  const label = `${props.title}: ${props.groups.map((g, gi) => `${g}: ${props.series.map((s) => `${s.label} ${s.values[gi] ?? 0}`).join(', ')}`).join('; ')}`;
  return (
    <figure className="chart grouped" data-testid={props.testId}>
      <svg
        width="100%"
        style={{ maxWidth: width }}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={label}
        preserveAspectRatio="xMinYMin meet"
      >
        <line x1={0} x2={width} y1={base + 0.5} y2={base + 0.5} stroke="var(--border-strong)" />
        {props.groups.map((g, gi) => {
          const gx = gi * groupW + (groupW - barW * props.series.length - 6 * (props.series.length - 1)) / 2;
          return (
            <g key={g}>
              {props.series.map((s, si) => {
                const v = s.values[gi] ?? 0;
                const h = ((base - top) * v) / max;
                const x = gx + si * (barW + 6);
                return (
                  <g key={s.label}>
                    <rect
                      x={x}
                      y={base - h}
                      width={barW}
                      height={h}
                      rx={3}
                      fill={s.dash ? 'none' : s.color}
                      stroke={s.color}
                      strokeWidth={s.dash ? 2 : 0}
                      strokeDasharray={s.dash ? '5 3' : undefined}
                    >
                      <title>{`${s.label}, ${g}: ${v}`}</title>
                    </rect>
                    <text x={x + barW / 2} y={base - h - 4} textAnchor="middle" className="chart-value">
                      {v}
                    </text>
                  </g>
                );
              })}
              <text x={gi * groupW + groupW / 2} y={height - 6} textAnchor="middle" className="chart-label">
                {g}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/** A legend for the charts: swatch and label per segment. */
export function Legend({
  items,
}: {
  readonly items: ReadonlyArray<{ readonly label: string; readonly color: string; readonly value?: string; readonly dashed?: boolean }>;
}): React.JSX.Element {
  return (
    <ul className="chart-legend">
      {items.map((i) => (
        <li key={i.label}>
          <span
            className={`legend-swatch${i.dashed ? ' dashed' : ''}`}
            style={{ background: i.dashed ? 'transparent' : i.color, borderColor: i.color }}
            aria-hidden="true"
          />
          <span>{i.label}</span>
          {i.value !== undefined ? <span className="legend-value">{i.value}</span> : null}
        </li>
      ))}
    </ul>
  );
}
