import type { KithFile } from '../../../shared/domain/model';
import type { Selection } from '../store/selection';
import type { Ego } from '../store/viewOptions';
import { layoutKeyOf, type ViewState } from '../store/viewStore';
import { applyFilters, type ShownCount, type Visible } from './filters';
import { groupPeople, type Grouped, type GroupInfo } from './grouping';
import { effectiveGrouping, MAX_EXPANDED_PEOPLE, MAX_GROUP_EXPAND, type EffectiveGrouping } from './lod';
import { buildViewGraph, type ViewGraph } from './viewGraph';

/** What the scene is made from: the network, how it is looked at, what is selected, and the day. */
export interface SceneInput {
  readonly file: KithFile;
  readonly view: Pick<ViewState, 'layout' | 'groupBy' | 'hideMyTies' | 'filters' | 'ego' | 'expanded' | 'pinned'>;
  readonly selection: Selection;
  /** `YYYY-MM-DD`: age filters and warmth count from it. */
  readonly today: string;
}

/** What the view bar and the status line say about the picture. */
export interface SceneStats {
  readonly mode: ViewGraph['mode'];
  readonly groupBy: ViewGraph['groupBy'];
  /** Said when the chosen grouping could not be honoured. */
  readonly notice: string | null;
  readonly people: ShownCount;
  readonly ties: ShownCount;
  readonly drawnNodes: number;
  readonly drawnEdges: number;
  readonly groups: number;
  readonly hiddenAggregates: number;
  /** Labels of the groups too big to expand. */
  readonly refused: readonly string[];
}

/**
 * What the graph shows, derived from the stores alone: the graph controller
 * draws it and the view bar counts it, and nothing writes back. Each step is
 * a pure function of the input fields it names and the steps before it, so
 * that a new way of choosing what is shown (a date, a layout's own grouping)
 * is one more input field and one more step.
 */
export interface Scene {
  readonly file: KithFile;
  /** The ego view in effect: none while its person is not in the file. */
  readonly ego: Ego | null;
  /** Who and which ties pass the filters and the ego view. */
  readonly visible: Visible;
  readonly grouping: EffectiveGrouping;
  /** The shown people gathered into groups (none under `none`). */
  readonly groups: Grouped;
  /** Expanded groups in effect, oldest first: the stored ones that fit MAX_EXPANDED_PEOPLE. */
  readonly expanded: readonly string[];
  /** People drawn on their own although their group is collapsed: the pinned ones, and whom the selection names. */
  readonly revealed: ReadonlySet<string>;
  readonly view: ViewGraph;
  readonly stats: SceneStats;
  /** Names the picture for the position cache: `layout/grouping`, and the ego view's hops and person. */
  readonly pictureKey: string;
}

/**
 * The expansions that fit: the newest kept first, an older one dropped once
 * the members drawn would pass MAX_EXPANDED_PEOPLE (the newest always stays).
 * The same array when all fit.
 */
export function keepExpansions(expanded: readonly string[], groups: ReadonlyMap<string, GroupInfo>): readonly string[] {
  let total = 0;
  const keep: string[] = [];
  for (const key of [...expanded].reverse()) {
    const size = groups.get(key)?.members.length ?? 0;
    if (keep.length > 0 && total + size > MAX_EXPANDED_PEOPLE) continue;
    total += size;
    keep.push(key);
  }
  return keep.length === expanded.length ? expanded : keep.reverse();
}

/** Whether a shown person is drawn inside a collapsed group (or one too big to open), not on their own. */
export function isFolded(person: string, groups: Grouped, expanded: readonly string[], pinned: ReadonlySet<string>): boolean {
  const key = groups.groupOf.get(person);
  if (key === undefined || pinned.has(person)) return false;
  return !expanded.includes(key) || (groups.groups.get(key)?.members.length ?? 0) > MAX_GROUP_EXPAND;
}

/** The people a selection names: the person, or both ends of the tie. */
export function selectedPeople(file: KithFile, selection: Selection): readonly string[] {
  if (!selection) return [];
  if (selection.kind === 'person') return [selection.id];
  const tie = file.ties.find((t) => t.id === selection.id);
  return tie ? [tie.a, tie.b] : [];
}

/** Of these people, those in the file whom the filters or the ego view hide. */
export function hiddenByFilters(scene: Scene, people: readonly string[]): string[] {
  const inFile = new Set(scene.file.people.map((p) => p.id as string));
  return people.filter((id) => inFile.has(id) && !scene.visible.people.has(id));
}

/** Of these people, the shown ones folded into a collapsed group, pins aside: pin them to draw them on their own. */
export function foldedPeople(scene: Scene, people: readonly string[], pinned: ReadonlySet<string>): string[] {
  return people.filter((id) => scene.visible.people.has(id) && isFolded(id, scene.groups, scene.expanded, pinned));
}

/** One memoised step: recomputes only when one of its arguments is not the very value it had last time. */
function step<A extends readonly unknown[], R>(compute: (...args: A) => R): (...args: A) => R {
  let last: { args: A; value: R } | null = null;
  return (...args: A) => {
    if (last && last.args.length === args.length && last.args.every((a, i) => a === args[i])) return last.value;
    const value = compute(...args);
    last = { args, value };
    return value;
  };
}

const NOBODY: ReadonlySet<string> = new Set();

/**
 * A scene function with its own memory: called again with the same store
 * fields it returns the same scene, and a change recomputes only the steps
 * that read it (a selection redraws nothing unless it reveals someone).
 */
export function createScenes(): (input: SceneInput) => Scene {
  const egoOf = step((file: KithFile, ego: Ego | null) => (ego && file.people.some((p) => p.id === ego.id) ? ego : null));
  const visibleOf = step((file: KithFile, filters: SceneInput['view']['filters'], ego: Ego | null, today: string) =>
    applyFilters(file, filters, ego, today),
  );
  const groupingOf = step((groupBy: SceneInput['view']['groupBy'], shown: number) => effectiveGrouping(groupBy, shown));
  const groupsOf = step((file: KithFile, visible: Visible, groupBy: EffectiveGrouping['groupBy']) => groupPeople(file, visible, groupBy));
  const expandedOf = step(keepExpansions);
  const revealedOf = step(
    (file: KithFile, selection: Selection, visible: Visible, groups: Grouped, expanded: readonly string[], pinned: ReadonlySet<string>) => {
      const more = selectedPeople(file, selection).filter((id) => visible.people.has(id) && isFolded(id, groups, expanded, pinned));
      if (more.length === 0) return pinned;
      return new Set([...pinned, ...more]);
    },
  );
  const viewOf = step(
    (
      file: KithFile,
      visible: Visible,
      groups: Grouped,
      grouping: EffectiveGrouping,
      hideMyTies: boolean,
      expanded: readonly string[],
      revealed: ReadonlySet<string>,
      today: string,
    ) =>
      buildViewGraph(file, visible, {
        groupBy: grouping.groupBy,
        hideMyTies,
        expanded: new Set(expanded),
        pinned: revealed,
        today,
        groups,
      }),
  );
  const statsOf = step((view: ViewGraph, visible: Visible, grouping: EffectiveGrouping): SceneStats => ({
    mode: view.mode,
    groupBy: view.groupBy,
    notice: grouping.notice,
    people: visible.counts.people,
    ties: visible.counts.ties,
    drawnNodes: view.nodes.length,
    drawnEdges: view.edges.length,
    groups: view.groups.size,
    hiddenAggregates: view.hiddenAggregates,
    refused: view.refused.map((k) => view.groups.get(k)?.label ?? k),
  }));
  const sceneOf = step(
    (
      file: KithFile,
      ego: Ego | null,
      visible: Visible,
      grouping: EffectiveGrouping,
      groups: Grouped,
      expanded: readonly string[],
      revealed: ReadonlySet<string>,
      view: ViewGraph,
      stats: SceneStats,
      pictureKey: string,
    ): Scene => ({ file, ego, visible, grouping, groups, expanded, revealed, view, stats, pictureKey }),
  );

  return (input) => {
    const { file, view: vs, selection, today } = input;
    const ego = egoOf(file, vs.ego);
    const visible = visibleOf(file, vs.filters, ego, today);
    const grouping = groupingOf(vs.groupBy, visible.counts.people.shown);
    const groups = groupsOf(file, visible, grouping.groupBy);
    const expanded = expandedOf(vs.expanded, groups.groups);
    const revealed = revealedOf(file, selection, visible, groups, expanded, vs.pinned.size > 0 ? vs.pinned : NOBODY);
    const view = viewOf(file, visible, groups, grouping, vs.hideMyTies, expanded, revealed, today);
    const stats = statsOf(view, visible, grouping);
    const base = layoutKeyOf(vs.layout, grouping.groupBy);
    const pictureKey = ego ? `${base}/ego:${ego.hops}:${ego.id}` : base;
    return sceneOf(file, ego, visible, grouping, groups, expanded, revealed, view, stats, pictureKey);
  };
}
