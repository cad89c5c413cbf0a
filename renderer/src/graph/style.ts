import type { StylesheetJson } from 'cytoscape';
import { ORIGINS } from '../../../shared/domain/vocabulary';
import type { LabelPolicy } from './lod';
import { ORIGIN_CAPS, ORIGIN_COLORS, ORIGIN_DASHES, type GraphTheme } from './palette';

const SMALL_GRAPH: LabelPolicy = { personMinFont: 7, groupMinFont: 5, hideEdgesOnViewport: false, textureOnViewport: false };

/** A `data(field)` mapper for a property that Cytoscape's types only allow as a number or function (pie slice sizes); Cytoscape takes it there as anywhere. */
const dataNumber = (field: string) => `data(${field})` as unknown as number;

export const FONT_STACK = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/**
 * Cytoscape's stylesheet for a theme and a level of detail (how early
 * labels appear as one zooms in). Classes come from elements.ts; nothing
 * here reads user text.
 */
export function graphStyle(theme: GraphTheme, lod: LabelPolicy = SMALL_GRAPH): StylesheetJson {
  return [
    {
      selector: 'node',
      style: {
        width: 'data(size)',
        height: 'data(size)',
        'background-color': theme.nodeFill,
        'border-width': 1.5,
        'border-color': theme.nodeBorder,
        label: 'data(label)',
        'font-family': FONT_STACK,
        'font-size': 12,
        'font-weight': 500,
        color: theme.label,
        'text-valign': 'bottom',
        'text-halign': 'center',
        'text-margin-y': 6,
        'text-wrap': 'ellipsis',
        'text-max-width': '120px',
        'text-outline-color': theme.labelHalo,
        'text-outline-width': 2.5,
        'text-outline-opacity': 0.9,
        'min-zoomed-font-size': lod.personMinFont,
        'overlay-opacity': 0,
        'transition-property': 'opacity',
        'transition-duration': 150,
      },
    },
    {
      selector: 'node.me',
      style: {
        'background-color': theme.meFill,
        'border-color': theme.meBorder,
        'border-width': 3,
        'font-size': 13,
        'font-weight': 700,
        'text-margin-y': 8,
        'z-index': 20,
      },
    },
    {
      selector: 'edge',
      style: {
        width: 'data(width)',
        'curve-style': 'straight',
        'line-cap': 'round',
        opacity: 0.9,
        'overlay-opacity': 0,
        'transition-property': 'opacity',
        'transition-duration': 150,
      },
    },
    ...ORIGINS.map((origin) => ({
      selector: `edge.${origin}`,
      style: {
        'line-color': ORIGIN_COLORS[origin],
        'line-style': ORIGIN_DASHES[origin].length > 0 ? ('dashed' as const) : ('solid' as const),
        'line-cap': ORIGIN_CAPS[origin],
        ...(ORIGIN_DASHES[origin].length > 0 ? { 'line-dash-pattern': [...ORIGIN_DASHES[origin]] } : {}),
      },
    })),
    {
      selector: 'node.group',
      style: {
        shape: 'ellipse',
        'background-color': theme.groupFill,
        'border-color': theme.groupBorder,
        'border-width': 1.5,
        'pie-size': '86%',
        'pie-1-background-color': ORIGIN_COLORS.living,
        // Values in the element data (elements.ts), not functions: Cytoscape calls a function for every node each time it styles it.
        'pie-1-background-size': dataNumber('living'),
        'pie-2-background-color': ORIGIN_COLORS.doing,
        'pie-2-background-size': dataNumber('doing'),
        'pie-3-background-color': ORIGIN_COLORS.unknown,
        'pie-3-background-size': dataNumber('unknown'),
        'pie-1-background-opacity': 0.85,
        'pie-2-background-opacity': 0.85,
        'pie-3-background-opacity': 0.6,
        'font-size': 'data(fontSize)',
        'font-weight': 700,
        // Group labels are short ("Acme · 87"): no ellipsis, whose fitting measures the text again and again.
        'text-wrap': 'none',
        'min-zoomed-font-size': lod.groupMinFont,
        'z-index': 4,
      },
    },
    { selector: 'node.group.untied', style: { 'border-style': 'dashed' } },
    {
      selector: 'node.group.expanded',
      style: {
        shape: 'round-rectangle',
        'background-color': theme.compoundFill,
        'background-opacity': 0.05,
        'border-color': theme.compoundBorder,
        'border-width': 1.5,
        'border-style': 'dashed',
        'pie-size': '0%',
        'text-valign': 'top',
        'text-margin-y': -6,
        padding: '26px',
        'z-index': 1,
      },
    },
    {
      selector: 'edge.agg',
      style: {
        'curve-style': 'haystack',
        'haystack-radius': 0,
        'line-style': 'solid',
        opacity: 0.34,
      },
    },
    {
      selector: 'node.picked',
      style: {
        'border-color': theme.accent,
        'border-width': 4,
        'underlay-color': theme.accent,
        'underlay-padding': 6,
        'underlay-opacity': 0.18,
      },
    },
    { selector: 'node:selected', style: { 'overlay-opacity': 0 } },
    { selector: 'node.faded', style: { opacity: 0.38 } },
    { selector: 'edge.faded', style: { opacity: 0.2 } },
    { selector: 'edge.neighbourhood', style: { opacity: 1, 'z-index': 5 } },
    { selector: 'node.dimmed', style: { opacity: 0.18 } },
    { selector: 'edge.dimmed', style: { opacity: 0.07 } },
    { selector: 'node.path-alt', style: { opacity: 0.8, 'border-color': theme.accent, 'border-style': 'dashed', 'z-index': 35 } },
    { selector: 'edge.path-alt', style: { opacity: 0.6, 'z-index': 35 } },
    {
      selector: 'node.path',
      style: {
        opacity: 1,
        'border-color': theme.accent,
        'border-width': 3.5,
        'underlay-color': theme.accent,
        'underlay-padding': 6,
        'underlay-opacity': 0.22,
        'font-weight': 700,
        'z-index': 40,
      },
    },
    {
      selector: 'edge.path',
      style: { opacity: 1, width: 6, 'underlay-color': theme.accent, 'underlay-padding': 5, 'underlay-opacity': 0.28, 'z-index': 40 },
    },
    { selector: 'node.reach-living', style: { opacity: 1, 'border-color': ORIGIN_COLORS.living, 'border-width': 4 } },
    {
      selector: 'node.reach-doing',
      style: { opacity: 1, 'border-color': ORIGIN_COLORS.doing, 'border-width': 4, 'border-style': 'dashed' },
    },
    {
      selector: 'node.reach-both',
      style: {
        opacity: 1,
        'border-color': ORIGIN_COLORS.living,
        'border-width': 4,
        'outline-color': ORIGIN_COLORS.doing,
        'outline-width': 3,
      },
    },
    { selector: 'edge.reach', style: { opacity: 1, 'z-index': 8 } },
    {
      selector: 'node.selected',
      style: {
        'border-color': theme.accent,
        'border-width': 3,
        'underlay-color': theme.accent,
        'underlay-padding': 7,
        'underlay-opacity': 0.22,
        'underlay-shape': 'ellipse',
        'font-weight': 700,
        'z-index': 30,
      },
    },
    {
      selector: 'edge.selected',
      style: {
        opacity: 1,
        'underlay-color': theme.accent,
        'underlay-padding': 5,
        'underlay-opacity': 0.25,
        'z-index': 10,
      },
    },
    { selector: 'node.hover', style: { 'border-color': theme.accent } },
    { selector: 'edge.hover', style: { 'underlay-color': theme.accent, 'underlay-padding': 4, 'underlay-opacity': 0.15 } },
  ];
}
