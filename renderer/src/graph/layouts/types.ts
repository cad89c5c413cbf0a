import type { ConcentricInput } from '../layout';
import type { LayoutName } from '../../store/viewOptions';

/**
 * One top-level thing a layout places: a person, a collapsed group (a disc
 * of its node's size), or a disc of people drawn around a centre (an
 * expanded group, a cluster). Plain data: it crosses to the layout worker.
 */
export interface LayoutItem {
  /** Drawn node id; for a virtual cluster, an id of its own. */
  readonly id: string;
  /** Room it needs, in model pixels (node radius plus room for its label). */
  readonly radius: number;
  /** Warmth of the tie to the centre (mean over members for a group), 0..~1.2. */
  readonly warmth: number;
  /** Tied to the centre directly (the first rings), or not. */
  readonly tied: boolean;
  /** Node ids drawn around the item's centre, warmest first (the sunflower's middle). */
  readonly members?: readonly string[];
  /** False for a cluster with no node of its own, and for a compound parent (Cytoscape places those from their children). */
  readonly placeSelf: boolean;
}

export interface LayoutInput {
  /** Index in `items` of the centre (me, or the ego view's person); -1 when there is none. */
  readonly centre: number;
  readonly items: readonly LayoutItem[];
  /** Pairs of item indexes with a weight (ties between them). */
  readonly edges: ReadonlyArray<readonly [number, number, number]>;
  /** Where items are now (force starts from there), by item id. */
  readonly seeds: Readonly<Record<string, readonly [number, number]>>;
  /** People drawn one by one, for the concentric "around me" of the people view. */
  readonly people?: ConcentricInput;
}

export interface LayoutRequest {
  readonly name: LayoutName;
  readonly input: LayoutInput;
}

/** Drawn node id → [x, y]; compound parents are left out (Cytoscape places them). */
export type LayoutResult = Array<readonly [string, number, number]>;

export type ProgressFn = (done: number, total: number) => void;
