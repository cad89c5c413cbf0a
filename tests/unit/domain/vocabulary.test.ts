import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as model from '../../../shared/domain/model';
import * as vocabulary from '../../../shared/domain/vocabulary';

const ROOT = resolve(import.meta.dirname, '../../..');

describe('vocabulary', () => {
  it('is what model.ts re-exports and builds its schemas from', () => {
    expect(model.ORIGINS).toBe(vocabulary.ORIGINS);
    expect(model.LIVING_ACTIVITIES).toBe(vocabulary.LIVING_ACTIVITIES);
    expect(model.DOING_ACTIVITIES).toBe(vocabulary.DOING_ACTIVITIES);
    expect(model.ACTIVITY_LABELS).toBe(vocabulary.ACTIVITY_LABELS);
    expect(model.activityOrigin).toBe(vocabulary.activityOrigin);
    expect(model.COMMUNITY_KINDS).toBe(vocabulary.COMMUNITY_KINDS);
    expect(model.OPPORTUNITY_KINDS).toBe(vocabulary.OPPORTUNITY_KINDS);
    expect(model.OriginSchema.options).toEqual([...vocabulary.ORIGINS]);
    expect(model.ActivitySchema.options).toEqual([...vocabulary.LIVING_ACTIVITIES, ...vocabulary.DOING_ACTIVITIES]);
    expect(model.CommunitySchema.shape.kind.options).toEqual([...vocabulary.COMMUNITY_KINDS]);
    expect(model.OpportunitySchema.shape.kind.options).toEqual([...vocabulary.OPPORTUNITY_KINDS]);
  });

  it('labels every activity and kind, and tells the mode of each activity', () => {
    for (const a of vocabulary.LIVING_ACTIVITIES) expect(vocabulary.activityOrigin(a)).toBe('living');
    for (const a of vocabulary.DOING_ACTIVITIES) expect(vocabulary.activityOrigin(a)).toBe('doing');
    expect(Object.keys(vocabulary.ACTIVITY_LABELS).sort()).toEqual(
      [...vocabulary.LIVING_ACTIVITIES, ...vocabulary.DOING_ACTIVITIES].sort(),
    );
    expect(Object.keys(vocabulary.COMMUNITY_KIND_LABELS)).toEqual([...vocabulary.COMMUNITY_KINDS]);
    expect(Object.keys(vocabulary.OPPORTUNITY_KIND_LABELS)).toEqual([...vocabulary.OPPORTUNITY_KINDS]);
  });

  it('imports nothing, so that the renderer can use it without bundling zod', () => {
    const source = readFileSync(resolve(ROOT, 'shared/domain/vocabulary.ts'), 'utf8');
    expect(source).not.toMatch(/^\s*import\s/m);
  });
});
