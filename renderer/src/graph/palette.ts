import type { Origin } from '../../../shared/domain/model';

/** Okabe–Ito, safe for the common colour-vision deficiencies; the dash pattern is the second cue. */
export const ORIGIN_COLORS: Readonly<Record<Origin, string>> = {
  living: '#009E73',
  doing: '#D55E00',
  unknown: '#999999',
};

export const ORIGIN_LINE_STYLES: Readonly<Record<Origin, 'solid' | 'dashed' | 'dotted'>> = {
  living: 'solid',
  doing: 'dashed',
  unknown: 'dotted',
};

/**
 * How the styles are drawn (canvas and SVG alike): Doing as butt-capped
 * dashes, Unknown as round dots (a near-zero dash with round caps), since
 * Cytoscape's own 'dotted' merges into a solid line at widths over 1.
 */
export const ORIGIN_DASHES: Readonly<Record<Origin, readonly number[]>> = {
  living: [],
  doing: [9, 6],
  unknown: [0.01, 7.5],
};

export const ORIGIN_CAPS: Readonly<Record<Origin, 'round' | 'butt'>> = {
  living: 'round',
  doing: 'butt',
  unknown: 'round',
};

export const ORIGIN_LABELS: Readonly<Record<Origin, string>> = {
  living: 'Living',
  doing: 'Doing',
  unknown: 'Unknown',
};

export const ORIGIN_DESCRIPTIONS: Readonly<Record<Origin, string>> = {
  living: 'Relationship first: curiosity, sharing, community',
  doing: 'Targeted: cold outreach, events, job search',
  unknown: 'Not classified yet',
};

export type ThemeName = 'light' | 'dark';

/** Colours of the canvas that CSS cannot reach (Cytoscape draws on a canvas). */
export interface GraphTheme {
  readonly name: ThemeName;
  readonly nodeFill: string;
  readonly nodeBorder: string;
  readonly meFill: string;
  readonly meBorder: string;
  readonly label: string;
  readonly labelHalo: string;
  readonly accent: string;
  /** A group node's disc (behind its pie of Living/Doing/Unknown). */
  readonly groupFill: string;
  readonly groupBorder: string;
  /** An expanded group's box around its members. */
  readonly compoundFill: string;
  readonly compoundBorder: string;
}

export const GRAPH_THEMES: Readonly<Record<ThemeName, GraphTheme>> = {
  light: {
    name: 'light',
    nodeFill: '#ffffff',
    nodeBorder: '#8c96a3',
    meFill: '#1f3a5f',
    meBorder: '#ffffff',
    label: '#2a3038',
    labelHalo: '#f7f8fa',
    accent: '#2d6cdf',
    groupFill: '#eef1f5',
    groupBorder: '#8c96a3',
    compoundFill: '#2d6cdf',
    compoundBorder: '#9bb4e4',
  },
  dark: {
    name: 'dark',
    nodeFill: '#2a2f37',
    nodeBorder: '#8a94a3',
    meFill: '#d7e3f4',
    meBorder: '#15181d',
    label: '#dfe3e8',
    labelHalo: '#15181d',
    accent: '#6fa0ff',
    groupFill: '#232831',
    groupBorder: '#8a94a3',
    compoundFill: '#6fa0ff',
    compoundBorder: '#4d6a9c',
  },
};
