import type { PersonFields, TieFields, TiePatch } from '../../../shared/api/contract/core';
import type { Result } from '../../../shared/api/envelope';
import type { Community, CommunityId, Opportunity, OpportunityId, Person, PersonId, Tie, TieId } from '../../../shared/domain/model';
import type { CallInput } from '../api/bridge';
import { DraftStore } from './drafts';
import type { Selection } from './selection';

/**
 * The renderer's one source of truth (see storeCore.ts for its layers).
 * React reads it with useSyncExternalStore; the graph follows it and the
 * view store, and reads its command queue. This layer holds the edits:
 * creating, changing and deleting people, ties, communities and
 * opportunities, undo and redo, and the file's own operations.
 */
export class AppStore extends DraftStore {
  /** Immediate edits of a tie (origin, activity, strength): no typing involved. */
  async updateTie(id: TieId, patch: TiePatch): Promise<boolean> {
    const result = await this.client.call('tie:update', { id, patch });
    if (!result.ok) {
      this.toastError('Could not change the tie', result.error);
      return false;
    }
    this.applyLocal('tie', result.value);
    void this.refresh();
    return true;
  }

  /** Adds a person; the dialog shows a refusal itself, so no toast. */
  async createPerson(fields: PersonFields): Promise<Result<Person>> {
    const result = await this.client.call('person:create', fields);
    if (result.ok) {
      this.applyLocal('person', result.value);
      this.set({ selection: { kind: 'person', id: result.value.id }, dialog: null });
      this.toast({ kind: 'success', message: `Added ${result.value.name}.` });
      void this.refresh();
    }
    return result;
  }

  async createTie(fields: TieFields): Promise<Result<Tie>> {
    const result = await this.client.call('tie:create', fields);
    if (result.ok) {
      this.applyLocal('tie', result.value);
      this.set({ selection: { kind: 'tie', id: result.value.id }, dialog: null });
      const names = [fields.a, fields.b].map((p) => this.state.index?.people.get(p)?.name ?? 'someone');
      this.toast({ kind: 'success', message: `Connected ${names[0]} and ${names[1]}.` });
      void this.refresh();
    }
    return result;
  }

  async deleteSelection(): Promise<void> {
    const sel = this.state.selection;
    if (!sel) return;
    if (sel.kind === 'person') await this.deletePerson(sel.id);
    else await this.deleteTie(sel.id);
  }

  async deletePerson(id: PersonId): Promise<void> {
    const index = this.state.index;
    const person = index?.people.get(id);
    if (!index || !person) return;
    if (id === index.me?.id) {
      this.toast({ kind: 'info', message: 'You are the centre of your network and cannot be deleted.' });
      return;
    }
    const result = await this.edit('person:delete', { id }, { what: `Could not delete ${person.name}` });
    if (!result.ok) return;
    this.afterDelete(
      `Deleted ${person.name}${result.value.ties > 0 ? ` and ${result.value.ties} ${result.value.ties === 1 ? 'tie' : 'ties'}` : ''}.`,
      { kind: 'person', id },
    );
  }

  async deleteTie(id: TieId): Promise<void> {
    const index = this.state.index;
    const tie = index?.ties.get(id);
    if (!index || !tie) return;
    const names = `${index.people.get(tie.a)?.name ?? '?'} – ${index.people.get(tie.b)?.name ?? '?'}`;
    const result = await this.edit('tie:delete', { id }, { what: 'Could not delete the tie' });
    if (!result.ok) return;
    this.afterDelete(`Deleted the tie ${names}.`, { kind: 'tie', id });
  }

  /** A delete's toast, whose Undo undoes that very delete and selects `restored` again (null: nothing to select). */
  private afterDelete(message: string, restored: Selection): void {
    const cur = this.state.selection;
    if (cur && restored && cur.kind === restored.kind && cur.id === restored.id) this.set({ selection: null });
    // Undo from the toast undoes this very delete only: remember its label.
    void this.client.call('file:status', {}).then((status) => {
      const label = status.ok ? status.value.history.undoLabel : undefined;
      this.toast({
        kind: 'info',
        message,
        action: { label: 'Undo', testId: 'toast-undo', run: () => void this.undoExactly(label, restored) },
      });
    });
  }

  private async undoExactly(label: string | undefined, reselect: Selection): Promise<void> {
    const status = await this.client.call('file:status', {});
    if (!status.ok) {
      this.toastError('Could not undo', status.error);
      return;
    }
    if (label === undefined || status.value.history.undoLabel !== label) {
      this.toast({
        kind: 'error',
        message: 'That delete can no longer be undone from here: other changes came after it. Use Undo in the toolbar to step back.',
      });
      return;
    }
    const result = await this.edit('history:undo', {}, { what: 'Could not undo' });
    if (!result.ok) return;
    await this.refresh();
    if (reselect) this.set({ selection: reselect });
  }

  /** Adds a community or organisation; the form shows a refusal itself, so no toast. */
  async createCommunity(fields: CallInput<'community:create'>): Promise<Result<Community>> {
    const result = await this.edit('community:create', fields, { quiet: true });
    if (result.ok) this.applyLocal('community', result.value);
    return result;
  }

  async updateCommunity(id: CommunityId, patch: CallInput<'community:update'>['patch']): Promise<Result<Community>> {
    const result = await this.edit('community:update', { id, patch }, { what: 'Could not change the community' });
    if (result.ok) this.applyLocal('community', result.value);
    return result;
  }

  /** Deletes a community (the backend takes it off its members and opportunities); the toast offers Undo. */
  async deleteCommunity(id: CommunityId): Promise<void> {
    const file = this.state.network?.file;
    const community = file?.communities.find((c) => c.id === id);
    if (!file || !community) return;
    const members = file.people.filter((p) => p.communities?.includes(id)).length;
    const result = await this.edit('community:delete', { id }, { what: `Could not delete ${community.name}` });
    if (!result.ok) return;
    this.afterDelete(
      `Deleted ${community.name}${members > 0 ? ` and took it off ${members} ${members === 1 ? 'person' : 'people'}` : ''}.`,
      null,
    );
  }

  /** Sets a person's communities as a whole (order kept); an empty list clears the field. */
  async setPersonCommunities(id: PersonId, communities: readonly CommunityId[]): Promise<boolean> {
    const person = this.state.index?.people.get(id);
    const result = await this.edit(
      'person:update',
      { id, patch: { communities: communities.length > 0 ? [...communities] : null } },
      { what: `Could not change ${person?.name ?? 'the person'}’s communities` },
    );
    if (result.ok) this.applyLocal('person', result.value);
    return result.ok;
  }

  /** Records an opportunity; the form shows a refusal itself, so no toast. */
  async createOpportunity(fields: CallInput<'opportunity:create'>): Promise<Result<Opportunity>> {
    const result = await this.edit('opportunity:create', fields, { quiet: true });
    if (result.ok) {
      this.applyLocal('opportunity', result.value);
      this.toast({ kind: 'success', message: `Recorded ${result.value.title}.` });
    }
    return result;
  }

  async updateOpportunity(id: OpportunityId, patch: CallInput<'opportunity:update'>['patch']): Promise<Result<Opportunity>> {
    const result = await this.edit('opportunity:update', { id, patch }, { quiet: true });
    if (result.ok) this.applyLocal('opportunity', result.value);
    return result;
  }

  async deleteOpportunity(id: OpportunityId): Promise<void> {
    const opportunity = this.state.network?.file.opportunities.find((o) => o.id === id);
    if (!opportunity) return;
    const result = await this.edit('opportunity:delete', { id }, { what: `Could not delete ${opportunity.title}` });
    if (result.ok) this.afterDelete(`Deleted ${opportunity.title}.`, null);
  }

  undo(): Promise<unknown> {
    return this.edit('history:undo', {}, { what: 'Could not undo' });
  }

  redo(): Promise<unknown> {
    return this.edit('history:redo', {}, { what: 'Could not redo' });
  }

  async loadExample(): Promise<void> {
    const result = await this.edit('network:loadExample', {}, { what: 'Could not load the example' });
    if (result.ok) await this.refresh();
  }

  async resolveExternalChange(choice: 'reload' | 'keep-mine-as-copy'): Promise<void> {
    this.set({ busy: true });
    const result = await this.edit('file:resolveExternalChange', { choice }, { what: 'Could not resolve the change on disk' });
    this.set({ busy: false, ...(result.ok ? { fileStatus: result.value.status } : {}) });
    // A reload can find the file on disk broken: the corrupt-file dialog says so instead.
    if (!result.ok || result.value.status.problem) return;
    this.toast({
      kind: 'success',
      message:
        choice === 'reload'
          ? `Reloaded the file from disk.${result.value.copyPath ? ` Your unsaved edits were kept in ${result.value.copyPath}.` : ''}`
          : `Kept your version.${result.value.copyPath ? ` The version on disk was saved as ${result.value.copyPath}.` : ''}`,
    });
  }

  async restoreBackup(name?: string): Promise<void> {
    this.set({ busy: true });
    const result = await this.edit('file:restoreBackup', name ? { name } : {}, { what: 'Could not restore the backup' });
    this.set({ busy: false, ...(result.ok ? { fileStatus: result.value } : {}) });
    if (result.ok) {
      this.toast({ kind: 'success', message: 'Restored the backup. The damaged file was kept beside it.' });
      await this.refresh();
    }
  }
}
