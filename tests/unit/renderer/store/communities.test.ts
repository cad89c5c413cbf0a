import { describe, expect, it } from 'vitest';
import { exampleNetwork } from '../../../../shared/domain/example';
import type { Community, CommunityId, PersonId } from '../../../../shared/domain/model';
import { communityNamed, communityUse, describeUse, matchCommunities, sortedCommunities } from '../../../../renderer/src/store/communities';

const c = (id: string, name: string, kind: Community['kind'] = 'community'): Community => ({ id: id as CommunityId, name, kind });
const LIST = [
  c('1', 'UX Guild'),
  c('2', 'Bouldering club'),
  c('3', 'Café Scientifique'),
  c('4', 'Acme Corp', 'organisation'),
  c('5', 'Guildford FC'),
];
const names = (list: readonly Community[]) => list.map((x) => x.name);

describe('matchCommunities', () => {
  it('lists everything alphabetically for empty text', () => {
    expect(names(matchCommunities(LIST, '  '))).toEqual(['Acme Corp', 'Bouldering club', 'Café Scientifique', 'Guildford FC', 'UX Guild']);
  });

  it('puts names starting with the text (or a word of them) before names that contain it', () => {
    expect(names(matchCommunities(LIST, 'guild'))).toEqual(['Guildford FC', 'UX Guild']);
    expect(names(matchCommunities(LIST, 'club'))).toEqual(['Bouldering club']);
    expect(names(matchCommunities(LIST, 'me'))).toEqual(['Acme Corp']);
  });

  it('ignores case and accents, and leaves out the ones excluded', () => {
    expect(names(matchCommunities(LIST, 'CAFE'))).toEqual(['Café Scientifique']);
    expect(names(matchCommunities(LIST, 'guild', new Set(['5' as CommunityId])))).toEqual(['UX Guild']);
    expect(matchCommunities(LIST, 'nothing like it')).toEqual([]);
  });
});

describe('communityNamed', () => {
  it('finds a twin whatever the case, accents or spacing', () => {
    expect(communityNamed(LIST, '  ux   guild ')?.id).toBe('1');
    expect(communityNamed(LIST, 'cafe scientifique')?.id).toBe('3');
    expect(communityNamed(LIST, 'UX Guilds')).toBeUndefined();
    expect(communityNamed(LIST, '   ')).toBeUndefined();
  });
});

describe('communityUse', () => {
  it('counts members once each and the opportunities that name the community', () => {
    const file = exampleNetwork('Me', 'me' as PersonId);
    const doubled = {
      ...file,
      people: file.people.map((p) =>
        p.name === 'Priya Raman' ? { ...p, communities: [...(p.communities ?? []), 'c-uxguild' as CommunityId] } : p,
      ),
    };
    const use = communityUse(doubled);
    expect(use.get('c-uxguild' as CommunityId)).toEqual({ members: 3, opportunities: 0 });
    expect(use.get('c-careerpros' as CommunityId)).toEqual({ members: 2, opportunities: 1 });
    expect(use.get('c-northwind' as CommunityId)).toEqual({ members: 2, opportunities: 0 });
    expect(use.size).toBe(4);
  });

  it('says it in words', () => {
    expect(describeUse({ members: 2, opportunities: 1 })).toBe('2 people · 1 opportunity');
    expect(describeUse({ members: 1, opportunities: 3 })).toBe('1 person · 3 opportunities');
    expect(describeUse({ members: 0, opportunities: 0 })).toBe('No members yet');
    expect(describeUse(undefined)).toBe('No members yet');
  });
});

describe('sortedCommunities', () => {
  it('sorts by name without touching the list it was given', () => {
    const copy = [...LIST];
    expect(names(sortedCommunities(LIST))[0]).toBe('Acme Corp');
    expect(LIST).toEqual(copy);
  });
});
