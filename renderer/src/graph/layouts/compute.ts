import { clusterLayout, peopleRings, ringLayout } from './geometry';
import type { LayoutRequest, LayoutResult, ProgressFn } from './types';

/**
 * The layouts that are cheap enough for the page (O(n log n) at most):
 * "around me" (rings) and clusters. Force runs in the worker only.
 */
export function computeQuickLayout(request: LayoutRequest): LayoutResult {
  switch (request.name) {
    case 'around-me':
      return request.input.people ? peopleRings(request.input) : ringLayout(request.input);
    case 'clusters':
      return clusterLayout(request.input);
    case 'force':
      throw new Error('The force layout runs in the layout worker.');
  }
}

export type { ProgressFn };
