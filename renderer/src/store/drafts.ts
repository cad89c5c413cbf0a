import type { Result } from '../../../shared/api/envelope';
import type { CommunityId, PersonId, TieId } from '../../../shared/domain/model';
import type { KithClient } from '../api/client';
import type { AppState } from './appState';
import { communityNamed } from './communities';
import {
  draftKey,
  isOneOf,
  parseDraftKey,
  PERSON_FIELDS,
  PERSON_LIST_FIELDS,
  storedText,
  TIE_TEXT_FIELDS,
  type Draft,
  type PersonField,
  type TieTextField,
} from './draftText';
import { parseList, sameList } from './lists';
import { NetworkSync } from './networkSync';
import type { Selection } from './selection';
import type { TypedJournal } from './typedJournal';

function whenIdle(run: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 2000 });
  else setTimeout(run, 50);
}

/**
 * Typed text: what is typed into a person's, a tie's or a community's
 * fields stays in the store as a draft until the backend takes it; a refusal
 * keeps the text beside its reason. Drafts are also journalled outside the
 * window's memory, and what a window that is gone left is offered back.
 */
export class DraftStore extends NetworkSync {
  private readonly typingHolds = new Set<string>();

  /** `journal`: where unsaved typing is also kept, outside the window's memory (see typedJournal.ts). */
  constructor(
    client: KithClient,
    private readonly journal: TypedJournal | null = null,
  ) {
    super(client);
  }

  protected override changed(before: AppState): void {
    const path = this.state.fileStatus?.path;
    if (this.state.drafts !== before.drafts && this.journal && path) this.journal.record(path, this.state.drafts);
  }

  protected override afterFirstNetwork(): void {
    // Once the first picture is out of the way: the journal reads localStorage, which can wait on the browser.
    whenIdle(() => void this.restoreLeftBehind());
  }

  /**
   * Offers back what a window that is gone (a crash, a kill) had typed into this data file and not saved: as drafts,
   * where the text still differs from what is stored, with a toast that names whose fields they are.
   */
  private async restoreLeftBehind(): Promise<void> {
    const path = this.state.fileStatus?.path;
    if (!this.journal || !path) return;
    const left = await this.journal.takeLeftBehind(path);
    const file = this.state.network?.file;
    if (!file || left.length === 0) return;
    const drafts = new Map(this.state.drafts);
    const whose: string[] = [];
    let first: Selection = null;
    for (const [key, value] of left) {
      const stored = storedText(file, key);
      if (drafts.has(key) || stored === undefined || stored.text === value) continue;
      drafts.set(key, { value });
      if (!whose.includes(stored.whose)) whose.push(stored.whose);
      first ??= stored.selection;
    }
    if (whose.length === 0) return;
    this.set({ drafts });
    const named = whose.length > 3 ? `${whose.slice(0, 3).join(', ')} and ${whose.length - 3} more` : whose.join(', ');
    const show = first;
    this.toast(
      {
        kind: 'info',
        message: `Kith kept what you had typed before it last closed, not yet saved: ${named}. Save it, or press Escape in a field to drop it.`,
        ...(show ? { action: { label: 'Show', testId: 'toast-show-typed', run: () => this.select(show) } } : {}),
      },
      30_000,
    );
  }

  setDraft(key: string, value: string): void {
    const drafts = new Map(this.state.drafts);
    drafts.set(key, { value });
    this.set({ drafts });
  }

  discardDraft(key: string): void {
    if (!this.state.drafts.has(key)) return;
    const drafts = new Map(this.state.drafts);
    drafts.delete(key);
    this.set({ drafts });
  }

  private updateDrafts(change: (drafts: Map<string, Draft>) => void): void {
    const drafts = new Map(this.state.drafts);
    change(drafts);
    this.set({ drafts });
  }

  /** A form outside the drafts (a dialog) holds typed text (`held`), or no longer does: the unsaved-typing guard counts it. */
  holdTyping(key: string, held: boolean): void {
    if (held) this.typingHolds.add(key);
    else this.typingHolds.delete(key);
  }

  /** Typed text that has not reached the backend (or was refused): drafts, and forms that hold text. */
  hasUnsavedTyping(): boolean {
    return this.state.drafts.size > 0 || this.typingHolds.size > 0;
  }

  hasDrafts(kind: 'person' | 'tie', id: string): boolean {
    for (const key of this.state.drafts.keys()) {
      const k = parseDraftKey(key);
      if (k.kind === kind && k.id === id) return true;
    }
    return false;
  }

  /** Saves the typed values of a person's fields (all of them by default) as one edit. */
  async commitPerson(id: PersonId, fields: readonly PersonField[] = PERSON_FIELDS): Promise<boolean> {
    const person = this.state.index?.people.get(id);
    if (!person) return false;
    const patch: Record<string, unknown> = {};
    const sent = new Map<string, string>();
    const unchanged: string[] = [];
    for (const field of fields) {
      const key = draftKey('person', id, field);
      const draft = this.state.drafts.get(key);
      if (!draft || draft.saving) continue;
      if (isOneOf(PERSON_LIST_FIELDS, field)) {
        const list = parseList(draft.value);
        if (sameList(list, person[field] ?? [])) {
          unchanged.push(key);
          continue;
        }
        patch[field] = list.length > 0 ? list : null;
      } else {
        const value = field === 'notes' ? draft.value : draft.value.trim();
        if (value === (person[field] ?? '')) {
          unchanged.push(key);
          continue;
        }
        patch[field] = value === '' && field !== 'name' ? null : value;
      }
      sent.set(key, draft.value);
    }
    if (unchanged.length > 0) this.updateDrafts((d) => unchanged.forEach((k) => d.delete(k)));
    if (sent.size === 0) return true;
    this.updateDrafts((d) => sent.forEach((value, key) => d.set(key, { value, saving: true })));
    const result = await this.client.call('person:update', { id, patch });
    return this.settleDrafts(sent, result, `Could not save ${person.name}`, (value) => this.applyLocal('person', value));
  }

  /** Saves the typed notes/dates of a tie as one edit. */
  async commitTie(id: TieId, fields: readonly TieTextField[] = TIE_TEXT_FIELDS): Promise<boolean> {
    const tie = this.state.index?.ties.get(id);
    if (!tie) return false;
    const patch: Record<string, unknown> = {};
    const sent = new Map<string, string>();
    const unchanged: string[] = [];
    for (const field of fields) {
      const key = draftKey('tie', id, field);
      const draft = this.state.drafts.get(key);
      if (!draft || draft.saving) continue;
      const value = field === 'notes' ? draft.value : draft.value.trim();
      if (value === (tie[field] ?? '')) {
        unchanged.push(key);
        continue;
      }
      patch[field] = value === '' ? null : value;
      sent.set(key, draft.value);
    }
    if (unchanged.length > 0) this.updateDrafts((d) => unchanged.forEach((k) => d.delete(k)));
    if (sent.size === 0) return true;
    this.updateDrafts((d) => sent.forEach((value, key) => d.set(key, { value, saving: true })));
    const result = await this.client.call('tie:update', { id, patch });
    return this.settleDrafts(sent, result, 'Could not save the tie', (value) => this.applyLocal('tie', value));
  }

  /**
   * Saves the name typed for a community (a draft, as a person's fields are): kept in the store until the backend
   * takes it, so the unsaved-typing guard sees it and a refusal keeps the text beside its reason. A blank name and
   * the name of another community (case, accents and spacing ignored, as when one is created) are refused here.
   */
  async saveCommunityName(id: CommunityId): Promise<boolean> {
    const key = draftKey('community', id, 'name');
    const draft = this.state.drafts.get(key);
    const community = this.state.network?.file.communities.find((c) => c.id === id);
    if (!draft || draft.saving || !community) return false;
    const name = draft.value.trim().replace(/\s+/g, ' ');
    if (name === community.name) {
      this.discardDraft(key);
      return true;
    }
    const twin = communityNamed(this.state.network?.file.communities.filter((c) => c.id !== id) ?? [], name);
    const refusal = name === '' ? 'A community needs a name.' : twin ? `“${twin.name}” is already on the list.` : null;
    if (refusal) {
      this.updateDrafts((d) => d.set(key, { value: draft.value, error: refusal }));
      return false;
    }
    const sent = new Map([[key, draft.value]]);
    this.updateDrafts((d) => d.set(key, { value: draft.value, saving: true }));
    const result = await this.client.call('community:update', { id, patch: { name } });
    return this.settleDrafts(sent, result, `Could not rename ${community.name}`, (value) => this.applyLocal('community', value));
  }

  private settleDrafts<T>(sent: ReadonlyMap<string, string>, result: Result<T>, what: string, onOk: (value: T) => void): boolean {
    if (result.ok) {
      onOk(result.value);
      this.updateDrafts((d) => {
        for (const [key, value] of sent) {
          const cur = d.get(key);
          if (cur?.value === value) d.delete(key);
          else if (cur) d.set(key, { value: cur.value });
        }
      });
      void this.refresh();
      return true;
    }
    this.updateDrafts((d) => {
      for (const [key, value] of sent) d.set(key, { value: d.get(key)?.value ?? value, error: result.error.message });
    });
    this.toastError(what, result.error);
    return false;
  }
}
