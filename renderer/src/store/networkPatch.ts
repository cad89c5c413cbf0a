import type { NetworkPatch } from '../../../shared/api/contract/view';
import type { KithFile } from '../../../shared/domain/model';

type Keyed = 'people' | 'ties' | 'communities' | 'opportunities' | 'imports';

/** Whether a patch changes anything at all. */
export function isEmptyPatch(patch: NetworkPatch): boolean {
  return Object.values(patch.upserts).every((l) => l.length === 0) && Object.values(patch.deletes).every((l) => l.length === 0);
}

function patchList<T>(list: readonly T[], keyOf: (item: T) => string, upserts: readonly T[], deletes: readonly string[]): readonly T[] {
  if (upserts.length === 0 && deletes.length === 0) return list;
  const at = new Map<string, number>();
  list.forEach((item, i) => at.set(keyOf(item), i));
  const out: Array<T | undefined> = [...list];
  for (const item of upserts) {
    const i = at.get(keyOf(item));
    if (i === undefined) {
      at.set(keyOf(item), out.length);
      out.push(item);
    } else out[i] = item;
  }
  for (const key of deletes) {
    const i = at.get(key);
    if (i !== undefined) out[i] = undefined;
  }
  return out.filter((x): x is T => x !== undefined);
}

const pair = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);

/**
 * The network after the changes the backend reported: edited entities
 * replaced in place, new ones appended, deleted ones dropped — the order the
 * backend's own apply keeps, so that the copy matches the file. Collections
 * without changes keep their identity (views keyed on them stay cached).
 */
export function applyPatch(file: KithFile, patch: NetworkPatch): KithFile {
  const next: KithFile = { ...file };
  const keyed: Keyed[] = ['people', 'ties', 'communities', 'opportunities', 'imports'];
  for (const field of keyed) {
    const list = (file[field] ?? []) as ReadonlyArray<{ id: string }>;
    const patched = patchList(
      list,
      (e) => e.id,
      patch.upserts[field] as ReadonlyArray<{ id: string }>,
      patch.deletes[field] as readonly string[],
    );
    if (patched !== list) (next as Record<Keyed, unknown>)[field] = patched;
  }
  const decisions = file.introDecisions ?? [];
  const patchedDecisions = patchList(
    decisions,
    (d) => pair(d.a, d.b),
    patch.upserts.introDecisions,
    patch.deletes.introDecisions.map((d) => pair(d.a, d.b)),
  );
  if (patchedDecisions !== decisions) next.introDecisions = [...patchedDecisions];
  return next;
}
