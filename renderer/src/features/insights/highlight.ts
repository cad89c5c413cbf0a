import type { Hop, Path, Reach } from '../../../../shared/api/contract/insights';
import type { KithFile } from '../../../../shared/domain/model';
import type { GraphHighlight } from '../../store/selection';

/** The chosen path in `path`, the other paths in `path-alt`, everything else dimmed. */
export function pathsHighlight(paths: readonly Path[], chosen: number): GraphHighlight {
  const nodes = new Map<string, string>();
  const edges = new Map<string, string>();
  paths.forEach((p, i) => {
    if (i === chosen) return;
    for (const id of p.nodes) nodes.set(id, 'path-alt');
    for (const h of p.hops) edges.set(h.tie, 'path-alt');
  });
  const main = paths[chosen];
  if (main) {
    for (const id of main.nodes) nodes.set(id, 'path');
    for (const h of main.hops) edges.set(h.tie, 'path');
  }
  return { nodes, edges, rest: 'dimmed' };
}

/** A chain of hops (an opportunity's provenance, an introduction) as a path, from me. */
export function hopsHighlight(meId: string, hops: readonly Hop[], extra: readonly string[] = []): GraphHighlight {
  const nodes = new Map<string, string>([[meId, 'path']]);
  const edges = new Map<string, string>();
  for (const h of hops) {
    nodes.set(h.from, 'path');
    nodes.set(h.to, 'path');
    edges.set(h.tie, 'path');
  }
  for (const id of extra) nodes.set(id, 'path');
  return { nodes, edges, rest: 'dimmed' };
}

export type ReachMode = 'compare' | 'living' | 'doing';

/**
 * The reach overlay: people reached within `hops` through Living ties alone
 * (`reach-living`), Doing ties alone (`reach-doing`) or both (`reach-both`),
 * the ties that reach them (`reach`), the rest dimmed.
 */
export function reachHighlight(file: KithFile, reach: Reach, hops: number, mode: ReachMode): GraphHighlight {
  const within = (side: Reach['living']) => new Set<string>(side.byHop.slice(0, hops).flat());
  const living = mode === 'doing' ? new Set<string>() : within(reach.living);
  const doing = mode === 'living' ? new Set<string>() : within(reach.doing);
  const nodes = new Map<string, string>([[file.meId, 'keep']]);
  for (const id of living) nodes.set(id, doing.has(id) ? 'reach-both' : 'reach-living');
  for (const id of doing) if (!living.has(id)) nodes.set(id, 'reach-doing');
  const inLiving = (id: string) => id === file.meId || living.has(id);
  const inDoing = (id: string) => id === file.meId || doing.has(id);
  const edges = new Map<string, string>();
  for (const t of file.ties) {
    if ((t.origin === 'living' && inLiving(t.a) && inLiving(t.b)) || (t.origin === 'doing' && inDoing(t.a) && inDoing(t.b)))
      edges.set(t.id, 'reach');
  }
  return { nodes, edges, rest: 'dimmed' };
}
