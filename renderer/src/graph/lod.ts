import type { GroupBy } from '../store/viewOptions';

/**
 * Level-of-detail rules: how much the graph draws at a given size. Measured
 * here (headless Chromium, software GL): Cytoscape's canvas renderer takes
 * ~1.2 s to first draw 1,000 people with their ties, ~7.7 s for 5,000 and
 * ~14 s for 30,000; its WebGL renderer under SwiftShader is slower still
 * (~300 ms a frame at 500 nodes). So a big network is drawn as groups, and
 * people appear on demand.
 */

/** With no grouping chosen, up to this many shown people are drawn one by one; above, by company. */
export const AUTO_EVERYONE_MAX = 500;
/** "Everyone" chosen by hand is honoured up to this many shown people (a few seconds to draw); above, by company. */
export const EVERYONE_MAX = 2500;
/** Most group nodes drawn; smaller groups fold into one "Other" group. */
export const MAX_GROUPS = 200;
/** Most aggregated edges (between groups, or a group and a person) drawn; the weakest go first. */
export const MAX_AGG_EDGES = 500;
/** Most people drawn inside expanded groups at once; expanding more collapses the oldest expansion. */
export const MAX_EXPANDED_PEOPLE = 2500;
/** A single group bigger than this does not expand: filter, search or open an ego view instead. */
export const MAX_GROUP_EXPAND = 1500;
/** Above this many drawn nodes plus edges, selecting fades nothing (restyling everything on each click costs more than it helps). */
export const FADE_LIMIT = 2500;

export interface EffectiveGrouping {
  readonly groupBy: GroupBy;
  /** Said to the user when their choice was overridden. */
  readonly notice: string | null;
}

/** What grouping the graph uses for `shown` people when the user chose `chosen` (null: no choice yet). */
export function effectiveGrouping(chosen: GroupBy | null, shown: number): EffectiveGrouping {
  if (chosen === null) return { groupBy: shown <= AUTO_EVERYONE_MAX ? 'none' : 'company', notice: null };
  if (chosen === 'none' && shown > EVERYONE_MAX) {
    return {
      groupBy: 'company',
      notice: `${shown.toLocaleString('en')} people are too many to draw one by one (up to ${EVERYONE_MAX.toLocaleString('en')}): grouped by company. Filter, search or open an ego view to see individuals.`,
    };
  }
  return { groupBy: chosen, notice: null };
}

export type RendererName = 'canvas' | 'webgl';
export type GlSupport = 'hardware' | 'software' | 'none';

/** Above this many drawn elements, Cytoscape's WebGL renderer beats its canvas on a real GPU. */
export const WEBGL_MIN_ELEMENTS = 4000;
/** Below this, go back to canvas (hysteresis: no flip-flopping around the threshold). */
export const WEBGL_MAX_ELEMENTS_BACK = 2500;

/**
 * Canvas or WebGL for a drawing of `elements` nodes plus edges. WebGL pays
 * on a GPU for big drawings; under a software rasteriser (SwiftShader,
 * llvmpipe) it is several times slower than canvas, so it is never chosen
 * there. `current` gives hysteresis; `forced` is the developer override.
 */
export function chooseRenderer(
  elements: number,
  gl: GlSupport,
  current: RendererName | null = null,
  forced: RendererName | null = null,
): RendererName {
  if (forced === 'canvas') return 'canvas';
  if (forced === 'webgl') return gl === 'none' ? 'canvas' : 'webgl';
  if (gl !== 'hardware') return 'canvas';
  if (current === 'webgl') return elements < WEBGL_MAX_ELEMENTS_BACK ? 'canvas' : 'webgl';
  return elements >= WEBGL_MIN_ELEMENTS ? 'webgl' : 'canvas';
}

/** Reads the WebGL2 renderer string: software rasterisers are named as such. */
export function classifyGl(rendererString: string | null): GlSupport {
  if (rendererString === null) return 'none';
  return /swiftshader|llvmpipe|softpipe|software|basic render|mesa offscreen/i.test(rendererString) ? 'software' : 'hardware';
}

export interface LabelPolicy {
  /** Person labels draw only when their on-screen font is at least this (px); Cytoscape's min-zoomed-font-size. */
  readonly personMinFont: number;
  readonly groupMinFont: number;
  /** Hide edges while panning/zooming (redrawn when the viewport rests). */
  readonly hideEdgesOnViewport: boolean;
  /** Pan/zoom a bitmap of the last frame instead of redrawing every element. */
  readonly textureOnViewport: boolean;
}

/**
 * Labels by level of detail: the more drawn, the later person labels
 * appear as one zooms in (12 px labels show from zoom 0.67 on a small
 * graph, from 1.0 on a big one); group labels are larger and stay longer.
 */
export function labelPolicy(nodes: number, edges: number): LabelPolicy {
  const elements = nodes + edges;
  return {
    personMinFont: nodes <= 150 ? 6 : nodes <= 800 ? 8 : 12,
    groupMinFont: 5,
    hideEdgesOnViewport: elements > 12_000,
    textureOnViewport: elements > 6000,
  };
}
