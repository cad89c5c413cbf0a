import type { NetworkPatch, viewChannels } from '../../../shared/api/contract/view.js';
import { pairKey } from '../../../shared/data/fileFormat.js';
import type { EntityKind } from '../../../shared/domain/changes.js';
import type { KithFile, PersonId } from '../../../shared/domain/model.js';
import type { ChangedEntity } from '../session.js';
import type { HandlerContext, HandlerTable } from './types.js';

type Collection = 'people' | 'ties' | 'communities' | 'opportunities' | 'imports';
const COLLECTION: Readonly<Record<Exclude<EntityKind, 'introDecision'>, Collection>> = {
  person: 'people',
  tie: 'ties',
  community: 'communities',
  opportunity: 'opportunities',
  import: 'imports',
};

/** Handlers of the graph view's channels: saved positions and edits since a revision. */
export function viewHandlers({ session }: HandlerContext): HandlerTable<keyof typeof viewChannels> {
  return {
    'view:savePositions': ({ layout, positions }) => {
      const s = session();
      const rounded: Record<string, [number, number]> = {};
      let saved = 0;
      for (const [id, [x, y]] of Object.entries(positions)) {
        rounded[id] = [Math.round(x), Math.round(y)];
        saved += 1;
      }
      s.replaceQuietly({ ...s.doc, view: { layout, positions: rounded } });
      return { saved };
    },
    'network:changes': ({ sinceRevision }) => {
      const s = session();
      const doc = s.doc;
      const changed = s.changesSince(sinceRevision);
      if (!changed) return { kind: 'full' as const, revision: s.revision, file: doc };
      return patchOf(doc, s.revision, changed);
    },
  };
}

function patchOf(doc: KithFile, revision: number, changed: readonly ChangedEntity[]): NetworkPatch {
  const patch: NetworkPatch = {
    kind: 'changes',
    revision,
    upserts: { people: [], ties: [], communities: [], opportunities: [], imports: [], introDecisions: [] },
    deletes: { people: [], ties: [], communities: [], opportunities: [], imports: [], introDecisions: [] },
  };
  const indexes = new Map<Collection, Map<string, unknown>>();
  const lookup = (collection: Collection, id: string): unknown => {
    let index = indexes.get(collection);
    if (!index) {
      index = new Map(((doc[collection] ?? []) as ReadonlyArray<{ id: string }>).map((e) => [e.id, e]));
      indexes.set(collection, index);
    }
    return index.get(id);
  };
  const decisions = new Map((doc.introDecisions ?? []).map((d) => [pairKey(d.a, d.b), d]));
  for (const e of changed) {
    if (e.kind === 'introDecision') {
      const now = decisions.get(e.key);
      if (now) patch.upserts.introDecisions.push(now);
      else if (e.pair) patch.deletes.introDecisions.push({ a: e.pair.a as PersonId, b: e.pair.b as PersonId });
      continue;
    }
    const collection = COLLECTION[e.kind];
    const now = lookup(collection, e.key);
    if (now) (patch.upserts[collection] as unknown[]).push(now);
    else (patch.deletes[collection] as string[]).push(e.key);
  }
  return patch;
}
