import { describe, expect, it } from 'vitest';
import type { PersonId, TieId } from '../../../../shared/domain/model';
import { MAX_EXPANDED_PEOPLE, MAX_GROUP_EXPAND } from '../../../../renderer/src/graph/lod';
import { createScenes, foldedPeople, hiddenByFilters, keepExpansions, type SceneInput } from '../../../../renderer/src/graph/scene';
import type { Selection } from '../../../../renderer/src/store/selection';
import { NO_FILTERS } from '../../../../renderer/src/store/viewOptions';
import { crowd, net } from './fixtures';

const TODAY = '2026-06-01';

const acme = crowd('a', 6, 'Acme', 'living');
const beta = crowd('b', 3, 'Beta', 'doing');
const file = net(
  [...acme.people, ...beta.people, { id: 'z', company: 'Zeta' }],
  [...acme.ties, ...beta.ties, ['x1', 'a0', 'b0', 'living'], ['x2', 'z', 'me', 'unknown', 3, '2026-05-20']],
);

const VIEW: SceneInput['view'] = {
  layout: 'around-me',
  groupBy: 'company',
  hideMyTies: false,
  filters: NO_FILTERS,
  ego: null,
  expanded: [],
  pinned: new Set(),
};

function input(view: Partial<SceneInput['view']> = {}, selection: Selection = null, f = file): SceneInput {
  return { file: f, view: { ...VIEW, ...view }, selection, today: TODAY };
}

const drawnAlone = (scene: ReturnType<ReturnType<typeof createScenes>>, person: string) => scene.view.repOf.get(person) === `p:${person}`;

describe('the scene: expansions', () => {
  it('draws the members of an expanded group inside it, and the others folded into their groups', () => {
    const scene = createScenes()(input({ expanded: ['company:beta'] }));
    expect(scene.expanded).toEqual(['company:beta']);
    for (const b of beta.people) expect(scene.view.nodes.find((n) => n.ref === b.id)?.parent).toBe('g:company:beta');
    for (const a of acme.people) expect(drawnAlone(scene, a.id)).toBe(false);
    expect(scene.view.nodes.find((n) => n.id === 'g:company:beta')?.expanded).toBe(true);
  });

  it('keeps the newest expansions within MAX_EXPANDED_PEOPLE: the oldest close first, the newest always stays', () => {
    const size = Math.floor(MAX_EXPANDED_PEOPLE / 2) + 1;
    const groups = new Map(
      ['x', 'y', 'z'].map((k) => [
        k,
        { key: k, label: k, nodeId: `g:${k}`, members: Array.from({ length: size }, (_, i) => `${k}${i}`), isOther: false },
      ]),
    );
    expect(keepExpansions(['x', 'y', 'z'], groups)).toEqual(['z']);
    expect(keepExpansions(['x'], groups)).toEqual(['x']);
    const fits = ['x'];
    expect(keepExpansions(fits, groups)).toBe(fits);
    const small = new Map([...groups].map(([k, g]) => [k, { ...g, members: g.members.slice(0, 10) }]));
    expect(keepExpansions(['x', 'y', 'z'], small)).toEqual(['x', 'y', 'z']);
  });

  it('derives the trimmed expansions from the stores without writing back: a filter that shrinks a group lets an older one open again', () => {
    const big = Math.floor(MAX_EXPANDED_PEOPLE / 2) + 10;
    const left = crowd('l', big, 'Left', 'living');
    const right = crowd('r', big, 'Right', 'doing');
    const wide = net([...left.people, ...right.people], [...left.ties, ...right.ties]);
    const scenes = createScenes();
    const both = scenes(input({ expanded: ['company:left', 'company:right'] }, null, wide));
    expect(both.expanded).toEqual(['company:right']);
    expect(both.view.nodes.filter((n) => n.parent === 'g:company:left')).toHaveLength(0);
    const living = scenes(
      input({ expanded: ['company:left', 'company:right'], filters: { ...NO_FILTERS, origins: ['living'] } }, null, wide),
    );
    expect(living.expanded).toEqual(['company:left', 'company:right']);
    expect(living.view.nodes.filter((n) => n.parent === 'g:company:left')).toHaveLength(big);
  });

  it('refuses to open a group bigger than MAX_GROUP_EXPAND, and says which', () => {
    const huge = crowd('h', MAX_GROUP_EXPAND + 1, 'Huge', 'unknown');
    const scene = createScenes()(input({ expanded: ['company:huge'] }, null, net(huge.people, huge.ties)));
    expect(scene.stats.refused).toEqual(['Huge']);
    expect(scene.view.nodes.some((n) => n.parent === 'g:company:huge')).toBe(false);
  });
});

describe('the scene: filters', () => {
  it('counts what the filters leave shown out of all, and draws only that', () => {
    const scene = createScenes()(input({ filters: { ...NO_FILTERS, origins: ['doing'] } }));
    expect(scene.stats.people).toEqual({ shown: 3, total: 10 });
    expect(scene.stats.ties).toEqual({ shown: 3, total: 11 });
    expect([...scene.groups.groups.keys()]).toEqual(['company:beta']);
    expect(scene.view.edges.every((e) => e.origin === 'doing')).toBe(true);
  });

  it('groups by size when no grouping is chosen, and says when a chosen one cannot be honoured', () => {
    const small = createScenes()(input({ groupBy: null }));
    expect(small.grouping).toEqual({ groupBy: 'none', notice: null });
    expect(small.stats.mode).toBe('people');
    expect(small.pictureKey).toBe('around-me/none');
  });

  it('shows everyone when the ego view names a person no longer in the file, and keys the picture by the ego view', () => {
    const scenes = createScenes();
    const ego = scenes(input({ groupBy: 'none', ego: { id: 'a0' as PersonId, hops: 1 } }));
    expect(ego.ego).toEqual({ id: 'a0', hops: 1 });
    expect(ego.pictureKey).toBe('around-me/none/ego:1:a0');
    expect([...ego.visible.people].sort()).toEqual(['a0', 'b0', 'me']);
    const gone = scenes(input({ groupBy: 'none', ego: { id: 'nobody' as PersonId, hops: 2 } }));
    expect(gone.ego).toBeNull();
    expect(gone.visible.people.size).toBe(file.people.length);
    expect(gone.pictureKey).toBe('around-me/none');
  });

  it('names who the filters hide, among people in the file', () => {
    const scene = createScenes()(input({ filters: { ...NO_FILTERS, companies: ['Acme'] } }));
    expect(hiddenByFilters(scene, ['a1', 'b1', 'z', 'not-in-file'])).toEqual(['b1', 'z']);
  });
});

describe('the scene: reveals', () => {
  it('draws a selected person on their own while their group is collapsed, and folds them back once deselected', () => {
    const scenes = createScenes();
    const selected = scenes(input({}, { kind: 'person', id: 'a2' as PersonId }));
    expect(selected.revealed.has('a2')).toBe(true);
    expect(drawnAlone(selected, 'a2')).toBe(true);
    expect(drawnAlone(selected, 'a1')).toBe(false);
    const none = scenes(input({}, null));
    expect(drawnAlone(none, 'a2')).toBe(false);
  });

  it('reveals both ends of a selected tie', () => {
    const scene = createScenes()(input({}, { kind: 'tie', id: 'x1' as TieId }));
    expect(drawnAlone(scene, 'a0')).toBe(true);
    expect(drawnAlone(scene, 'b0')).toBe(true);
    expect(scene.view.edgeOfTie.get('x1')).toBe('t:x1');
  });

  it('keeps pinned people drawn on their own whatever is selected', () => {
    const scene = createScenes()(input({ pinned: new Set(['b2']) }, null));
    expect(drawnAlone(scene, 'b2')).toBe(true);
    expect(foldedPeople(scene, ['b2', 'b1', 'me', 'z'], new Set(['b2']))).toEqual(['b1', 'z']);
  });

  it('reveals nobody in a group that is open, nor anyone when everyone is drawn', () => {
    const open = createScenes()(input({ expanded: ['company:acme'] }, { kind: 'person', id: 'a2' as PersonId }));
    expect(open.revealed.size).toBe(0);
    expect(open.view.nodes.find((n) => n.ref === 'a2')?.parent).toBe('g:company:acme');
    const everyone = createScenes()(input({ groupBy: 'none' }, { kind: 'person', id: 'a2' as PersonId }));
    expect(everyone.revealed.size).toBe(0);
  });
});

describe('the scene: a pure function of the stores', () => {
  it('gives the same scene for the same fields, and rebuilds the drawing only when a field it reads changes', () => {
    const scenes = createScenes();
    const first = scenes(input());
    expect(scenes(input())).toBe(first);
    // A selection of someone drawn already changes nothing drawn (the stores keep the other fields as they were).
    const opened = { ...VIEW, expanded: ['company:beta'] };
    const onGroup = scenes({ file, view: opened, selection: null, today: TODAY });
    const selected = scenes({ file, view: opened, selection: { kind: 'person', id: 'b1' as PersonId }, today: TODAY });
    expect(selected.view).toBe(onGroup.view);
    expect(selected.stats).toBe(onGroup.stats);
    const hidden = scenes({
      file,
      view: { ...opened, hideMyTies: true },
      selection: { kind: 'person', id: 'b1' as PersonId },
      today: TODAY,
    });
    expect(hidden.view).not.toBe(onGroup.view);
    expect(hidden.view.edges.some((e) => e.source === 'p:me' || e.target === 'p:me')).toBe(false);
  });
});
