/**
 * Kith's vocabulary as plain constants: the words of the Living/Doing model
 * and the kinds of communities and opportunities, with their human labels.
 * No zod here, so that the renderer can use them without bundling the schema
 * library; `model.ts` builds its schemas from these lists and re-exports them.
 */

/** How a tie was formed. `unknown` is the honest default for imported ties. */
export const ORIGINS = ['living', 'doing', 'unknown'] as const;
export type Origin = (typeof ORIGINS)[number];

/** The five Living networking activities, in the article's order. */
export const LIVING_ACTIVITIES = [
  'curiosity-conversation',
  'sharing-information',
  'sharing-passion',
  'professional-community',
  'connecting-others',
] as const;

/** The Doing networking techniques named in DESIGN.md. */
export const DOING_ACTIVITIES = ['cold-outreach', 'event', 'selling-yourself', 'job-search-meeting', 'recruiter'] as const;

export type LivingActivity = (typeof LIVING_ACTIVITIES)[number];
export type DoingActivity = (typeof DOING_ACTIVITIES)[number];
export type Activity = LivingActivity | DoingActivity;

/** Human labels for activities, used by every view and the CLI. */
export const ACTIVITY_LABELS: Readonly<Record<Activity, string>> = {
  'curiosity-conversation': 'Curiosity conversation',
  'sharing-information': 'Sharing information',
  'sharing-passion': 'Sharing your passion',
  'professional-community': 'Professional community',
  'connecting-others': 'Connecting others',
  'cold-outreach': 'Cold call or message',
  event: 'Met at an event',
  'selling-yourself': 'Selling yourself',
  'job-search-meeting': 'Job-search meeting',
  recruiter: 'Recruiter contact',
};

/** The mode an activity belongs to. */
export function activityOrigin(activity: Activity): 'living' | 'doing' {
  return (LIVING_ACTIVITIES as readonly string[]).includes(activity) ? 'living' : 'doing';
}

/** A community (a guild, a club, a meetup) or an organisation (an employer, a school). */
export const COMMUNITY_KINDS = ['community', 'organisation'] as const;
export type CommunityKind = (typeof COMMUNITY_KINDS)[number];

export const COMMUNITY_KIND_LABELS: Readonly<Record<CommunityKind, string>> = {
  community: 'Community',
  organisation: 'Organisation',
};

/** What an opportunity was. */
export const OPPORTUNITY_KINDS = ['job', 'project', 'client', 'speaking', 'collaboration', 'other'] as const;
export type OpportunityKind = (typeof OPPORTUNITY_KINDS)[number];

export const OPPORTUNITY_KIND_LABELS: Readonly<Record<OpportunityKind, string>> = {
  job: 'Job',
  project: 'Project',
  client: 'Client',
  speaking: 'Speaking',
  collaboration: 'Collaboration',
  other: 'Other',
};
