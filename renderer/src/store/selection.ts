import type { PersonId, TieId } from '../../../shared/domain/model';

/** What is selected in the UI; the graph highlights it through classes. */
export type Selection = { readonly kind: 'person'; readonly id: PersonId } | { readonly kind: 'tie'; readonly id: TieId } | null;

/** Classes a feature lays over the graph (a path, a reach overlay), by person and tie id; `rest` goes on every other element. */
export interface GraphHighlight {
  readonly nodes: ReadonlyMap<string, string>;
  readonly edges: ReadonlyMap<string, string>;
  readonly rest: string;
}

/** Whether two selections name the same thing. */
export function sameSelection(a: Selection, b: Selection): boolean {
  return a === b || (a !== null && b !== null && a.kind === b.kind && a.id === b.id);
}
