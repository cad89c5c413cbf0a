import type React from 'react';

/** One insights view: a tab of the right-hand column. */
export interface InsightView {
  readonly id: string;
  /** The tab's name. */
  readonly label: string;
  /** What the view answers, as the tab's tooltip. */
  readonly title: string;
  /** The view's component, loaded on first use (its own file: the first picture does not wait for it). */
  readonly load: () => Promise<React.ComponentType>;
}

/**
 * Every insights view, in tab order: the panel, its keyboard navigation and
 * the idle preloading all read this list. Adding a view is one entry here and
 * its file.
 */
export const INSIGHT_VIEWS: readonly InsightView[] = [
  {
    id: 'paths',
    label: 'Paths',
    title: 'Planned-happenstance paths to a person, company, community, tag or opportunity',
    load: () => import('./PathsView').then((m) => m.PathsView),
  },
  {
    id: 'reach',
    label: 'Reach',
    title: 'Whom Living ties reach, against Doing ties',
    load: () => import('./ReachView').then((m) => m.ReachView),
  },
  {
    id: 'opportunities',
    label: 'Opportunities',
    title: 'Where your opportunities came from',
    load: () => import('./OpportunitiesView').then((m) => m.OpportunitiesView),
  },
  {
    id: 'intros',
    label: 'Intros',
    title: 'Whom to introduce to whom',
    load: () => import('./IntroductionsView').then((m) => m.IntroductionsView),
  },
  { id: 'style', label: 'Style', title: 'Your networking style', load: () => import('./StyleView').then((m) => m.StyleView) },
];
