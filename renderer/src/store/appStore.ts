import type { ChannelName } from '../../../shared/api/contract/index';
import type { FileStatus, Network, PersonFields, TieFields, TiePatch } from '../../../shared/api/contract/core';
import type { ApiError, Result } from '../../../shared/api/envelope';
import type {
  Community,
  CommunityId,
  KithFile,
  Opportunity,
  OpportunityId,
  Person,
  PersonId,
  Tie,
  TieId,
} from '../../../shared/domain/model';
import type { CallInput, CallOutput } from '../api/bridge';
import type { FirstLoad } from '../api/firstLoad';
import { communityNamed } from '../components/communities';
import type { TypedJournal } from './typedJournal';
import type { KithClient } from '../api/client';
import type { GraphHighlight, Selection } from '../graph/elements';
import { formatList, parseList, sameList } from './lists';
import { indexNetwork, needsRelayout, type NetworkIndex } from './networkIndex';
import { applyPatch, isEmptyPatch } from './networkPatch';
import { ViewStore } from './viewStore';

export type DialogState =
  { readonly kind: 'add-person' } | { readonly kind: 'connect'; readonly a?: PersonId; readonly b?: PersonId } | null;

export interface ToastAction {
  readonly label: string;
  readonly testId?: string;
  readonly run: () => void;
}

export interface Toast {
  readonly id: number;
  readonly kind: 'info' | 'success' | 'error';
  readonly message: string;
  readonly detail?: string;
  readonly action?: ToastAction;
}

/** Text typed into a field that has not reached the backend (or was refused): never dropped silently. */
export interface Draft {
  readonly value: string;
  readonly saving?: boolean;
  readonly error?: string;
}

export const PERSON_TEXT_FIELDS = ['name', 'company', 'position', 'notes'] as const;
export const PERSON_LIST_FIELDS = ['tags', 'interests', 'needs', 'offers'] as const;
export type PersonField = (typeof PERSON_TEXT_FIELDS)[number] | (typeof PERSON_LIST_FIELDS)[number];
export const PERSON_FIELDS: readonly PersonField[] = ['name', 'company', 'position', 'tags', 'interests', 'needs', 'offers', 'notes'];
export const TIE_TEXT_FIELDS = ['notes', 'since', 'lastInteraction'] as const;
export type TieTextField = (typeof TIE_TEXT_FIELDS)[number];

export interface AppState {
  readonly phase: 'connecting' | 'ready' | 'failed';
  readonly failure: string | null;
  readonly network: Network | null;
  readonly index: NetworkIndex | null;
  readonly fileStatus: FileStatus | null;
  readonly selection: Selection;
  readonly dialog: DialogState;
  readonly toasts: readonly Toast[];
  readonly drafts: ReadonlyMap<string, Draft>;
  /** Changes when the graph must be laid out from scratch. */
  readonly layoutKey: number;
  readonly layoutAnimated: boolean;
  /** Changes when the view should fit the whole graph. */
  readonly fitKey: number;
  /** Changes when the view should zoom in or out by a factor around its centre. */
  readonly zoom: { readonly factor: number; readonly seq: number } | null;
  /** Changes when the view should centre on a person. */
  readonly focus: { readonly id: PersonId; readonly seq: number } | null;
  /** Classes a feature (paths, reach) lays over the graph; null when none. */
  readonly highlight: GraphHighlight | null;
  /** Changes when the view should fit a set of people (a path). */
  readonly fitTo: { readonly ids: readonly PersonId[]; readonly seq: number } | null;
  /** A call that blocks the file dialogs' buttons is running. */
  readonly busy: boolean;
}

const READ_ONLY: ReadonlySet<ChannelName> = new Set<ChannelName>(['file:status', 'network:get', 'network:export']);

export type DraftKind = 'person' | 'tie' | 'community';

/** `kind|field|id`: ids may hold any character, so they go last. */
export const draftKey = (kind: DraftKind, id: string, field: string): string => `${kind}|${field}|${id}`;

function parseDraftKey(key: string): { kind: string; field: string; id: string } {
  const first = key.indexOf('|');
  const second = key.indexOf('|', first + 1);
  return { kind: key.slice(0, first), field: key.slice(first + 1, second), id: key.slice(second + 1) };
}

export function personFieldText(person: Person, field: PersonField): string {
  if ((PERSON_LIST_FIELDS as readonly string[]).includes(field)) return formatList(person[field as (typeof PERSON_LIST_FIELDS)[number]]);
  return person[field as (typeof PERSON_TEXT_FIELDS)[number]] ?? '';
}

export function tieFieldText(tie: Tie, field: TieTextField): string {
  return tie[field] ?? '';
}

/**
 * The renderer's one source of truth. React reads it with
 * useSyncExternalStore; the graph controller subscribes to it directly.
 * The network is refetched whenever the backend says it changed.
 */
export class AppStore {
  private state: AppState = {
    phase: 'connecting',
    failure: null,
    network: null,
    index: null,
    fileStatus: null,
    selection: null,
    dialog: null,
    toasts: [],
    drafts: new Map(),
    layoutKey: 0,
    layoutAnimated: false,
    fitKey: 0,
    zoom: null,
    focus: null,
    highlight: null,
    fitTo: null,
    busy: false,
  };
  private readonly listeners = new Set<() => void>();
  private readonly typingHolds = new Set<string>();
  private fetching: Promise<void> | null = null;
  /** The entry's first calls, until the first fetch takes them. */
  private firstLoad: FirstLoad | null = null;
  private queued: Promise<void> | null = null;
  private pendingCause: string | undefined;
  private latestEventRevision = -1;
  /** Counts local updates (applyLocal), so that a fetch that started before one does not undo it. */
  private localSeq = 0;
  private toastSeq = 0;
  private readonly toastTimers = new Map<number, ReturnType<typeof setTimeout>>();

  /** How the graph is looked at (layout, grouping, filters, ego view): never part of the data. */
  readonly view = new ViewStore();

  /** Set once the text left behind by a window that is gone has been looked for. */
  private tookLeftBehind = false;

  /** `journal`: where unsaved typing is also kept, outside the window's memory (see typedJournal.ts). */
  constructor(
    readonly client: KithClient,
    private readonly journal: TypedJournal | null = null,
  ) {}

  readonly getState = (): AppState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(patch: Partial<AppState>): void {
    const drafts = this.state.drafts;
    this.state = { ...this.state, ...patch };
    if (this.state.drafts !== drafts) this.recordTyped();
    this.listeners.forEach((l) => l());
  }

  private recordTyped(): void {
    const path = this.state.fileStatus?.path;
    if (this.journal && path) this.journal.record(path, this.state.drafts);
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

  /**
   * Subscribes to the backend's events and loads the network (`firstLoad`:
   * the calls the entry already sent, used instead of fetching again).
   * Returns a stop function.
   */
  start(firstLoad?: FirstLoad): () => void {
    this.firstLoad = firstLoad ?? null;
    const offs = [
      this.client.on('onFileStatus', (status) => this.set({ fileStatus: status })),
      this.client.on('onNetworkChanged', ({ revision, cause }) => {
        this.latestEventRevision = revision;
        this.pendingCause = strongerCause(this.pendingCause, cause);
        void this.refresh();
      }),
      this.client.onReconnect(() => void this.refresh()),
    ];
    void this.refresh();
    return () => {
      offs.forEach((off) => off());
      this.toastTimers.forEach((t) => clearTimeout(t));
      this.toastTimers.clear();
    };
  }

  /** Refetches status and network; concurrent requests are coalesced. Resolves once a fetch that began after the call is applied. */
  refresh(): Promise<void> {
    if (!this.fetching) {
      this.fetching = this.fetchOnce().finally(() => {
        this.fetching = null;
      });
      return this.fetching;
    }
    this.queued ??= this.fetching.then(() => {
      this.queued = null;
      return this.refresh();
    });
    return this.queued;
  }

  private async fetchOnce(): Promise<void> {
    const cause = this.pendingCause;
    this.pendingCause = undefined;
    const localAtStart = this.localSeq;
    // After an edit only the changed entities travel (a 30k network is ~15 MB); a reload or restore may be another file.
    const have = cause === 'reload' || cause === 'restore' ? null : this.state.network;
    const early = this.firstLoad;
    this.firstLoad = null;
    const [status, network] = await (early && !have
      ? early
      : Promise.all([this.client.call('file:status', {}), have ? this.fetchChanges(have) : this.client.call('network:get', {})]));
    if (status.ok) this.set({ fileStatus: status.value });
    if (network.ok) {
      if (network.value.revision < this.latestEventRevision) return;
      if (network.value === this.state.network) return;
      // A local update landed while this fetch was out and a newer fetch is queued: this answer may predate it.
      if (this.localSeq !== localAtStart && this.queued !== null) return;
      this.applyNetwork(network.value, cause);
      return;
    }
    const fileProblem = status.ok && status.value.problem !== undefined;
    if (fileProblem || network.error.code === 'file-corrupt') {
      this.set({ phase: 'ready', network: null, index: null });
      return;
    }
    if (this.state.phase === 'connecting' || network.error.code === 'io') {
      this.set({ phase: 'failed', failure: network.error.message });
      return;
    }
    this.toastError('Could not load the network', network.error);
  }

  /** The network after the edits since `have`, from `network:changes`; the whole network when the backend cannot say. */
  private async fetchChanges(have: Network): Promise<Result<Network>> {
    const changes = await this.client.call('network:changes', { sinceRevision: have.revision });
    if (!changes.ok) return changes.error.code === 'unknown-channel' ? this.client.call('network:get', {}) : changes;
    const value = changes.value;
    if (value.kind === 'full') return { ok: true, value: { revision: value.revision, file: value.file } };
    // Patch what the store holds now: a local update may have landed while the call was out.
    const current = this.state.network ?? have;
    if (isEmptyPatch(value) && value.revision === current.revision) return { ok: true, value: current };
    return { ok: true, value: { revision: value.revision, file: applyPatch(current.file, value) } };
  }

  private applyNetwork(network: Network, cause: string | undefined): void {
    const previous = this.state.network?.file ?? null;
    const relayout = needsRelayout(previous, network.file, cause);
    this.set({
      phase: 'ready',
      failure: null,
      network,
      index: indexNetwork(network.file),
      drafts: pruneDrafts(this.state.drafts, network.file),
      ...(relayout ? { layoutKey: this.state.layoutKey + 1, layoutAnimated: false } : {}),
    });
    if (!this.tookLeftBehind) {
      this.tookLeftBehind = true;
      // Once the first picture is out of the way: the journal reads localStorage, which can wait on the browser.
      whenIdle(() => void this.restoreLeftBehind());
    }
  }

  /** Puts an entity the backend just returned into the local copy, so that views do not flicker back before the refetch. */
  private applyLocal<K extends keyof LocalEntities>(kind: K, entity: LocalEntities[K]): void {
    const network = this.state.network;
    if (!network) return;
    const list = LOCAL_LISTS[kind];
    const file = { ...network.file, [list]: upsert<{ id: string }>(network.file[list], entity) } as KithFile;
    this.localSeq += 1;
    this.set({ network: { ...network, file }, index: indexNetwork(file) });
  }

  /** Calls the backend; a refusal is shown in a toast unless `quiet`. Successful edits trigger a refetch. */
  async call<N extends ChannelName>(
    name: N,
    input: CallInput<N>,
    opts: { quiet?: boolean; what?: string } = {},
  ): Promise<Result<CallOutput<N>>> {
    const result = await this.client.call(name, input);
    if (!result.ok) {
      if (!opts.quiet) this.toastError(opts.what ?? 'That did not work', result.error);
      return result;
    }
    if (!READ_ONLY.has(name)) void this.refresh();
    return result;
  }

  select(selection: Selection): void {
    const cur = this.state.selection;
    if (cur === selection || (cur && selection && cur.kind === selection.kind && cur.id === selection.id)) return;
    this.set({ selection });
  }

  openDialog(dialog: Exclude<DialogState, null>): void {
    this.set({ dialog });
  }

  closeDialog(): void {
    if (this.state.dialog) this.set({ dialog: null });
  }

  requestFit(): void {
    this.set({ fitKey: this.state.fitKey + 1 });
  }

  requestLayout(): void {
    this.set({ layoutKey: this.state.layoutKey + 1, layoutAnimated: true });
  }

  zoomBy(factor: number): void {
    this.set({ zoom: { factor, seq: (this.state.zoom?.seq ?? 0) + 1 } });
  }

  focusPerson(id: PersonId): void {
    this.set({ focus: { id, seq: (this.state.focus?.seq ?? 0) + 1 }, selection: { kind: 'person', id } });
  }
  setHighlight(highlight: GraphHighlight | null): void {
    if (highlight !== this.state.highlight) this.set({ highlight });
  }

  fitPeople(ids: readonly PersonId[]): void {
    this.set({ fitTo: { ids, seq: (this.state.fitTo?.seq ?? 0) + 1 } });
  }

  toast(toast: Omit<Toast, 'id'>, ms?: number): number {
    const id = ++this.toastSeq;
    const duration = ms ?? (toast.kind === 'error' ? 12_000 : toast.action ? 10_000 : 5_000);
    this.set({ toasts: [...this.state.toasts.slice(-3), { ...toast, id }] });
    this.toastTimers.set(
      id,
      setTimeout(() => this.dismissToast(id), duration),
    );
    return id;
  }

  dismissToast(id: number): void {
    const timer = this.toastTimers.get(id);
    if (timer) clearTimeout(timer);
    this.toastTimers.delete(id);
    if (this.state.toasts.some((t) => t.id === id)) this.set({ toasts: this.state.toasts.filter((t) => t.id !== id) });
  }

  toastError(what: string, error: ApiError): void {
    const detail = error.details && error.details.length > 1 ? error.details.slice(0, 3).join('\n') : undefined;
    this.toast({ kind: 'error', message: `${what}: ${error.message}`, ...(detail ? { detail } : {}) });
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
      if ((PERSON_LIST_FIELDS as readonly string[]).includes(field)) {
        const list = parseList(draft.value);
        if (sameList(list, person[field as (typeof PERSON_LIST_FIELDS)[number]] ?? [])) {
          unchanged.push(key);
          continue;
        }
        patch[field] = list.length > 0 ? list : null;
      } else {
        const value = field === 'notes' ? draft.value : draft.value.trim();
        if (value === (person[field as (typeof PERSON_TEXT_FIELDS)[number]] ?? '')) {
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
    const result = await this.call('person:delete', { id }, { what: `Could not delete ${person.name}` });
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
    const result = await this.call('tie:delete', { id }, { what: 'Could not delete the tie' });
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
    const result = await this.call('history:undo', {}, { what: 'Could not undo' });
    if (!result.ok) return;
    await this.refresh();
    if (reselect) this.set({ selection: reselect });
  }

  /** Adds a community or organisation; the form shows a refusal itself, so no toast. */
  async createCommunity(fields: CallInput<'community:create'>): Promise<Result<Community>> {
    const result = await this.call('community:create', fields, { quiet: true });
    if (result.ok) this.applyLocal('community', result.value);
    return result;
  }

  async updateCommunity(id: CommunityId, patch: CallInput<'community:update'>['patch']): Promise<Result<Community>> {
    const result = await this.call('community:update', { id, patch }, { what: 'Could not change the community' });
    if (result.ok) this.applyLocal('community', result.value);
    return result;
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

  /** Deletes a community (the backend takes it off its members and opportunities); the toast offers Undo. */
  async deleteCommunity(id: CommunityId): Promise<void> {
    const file = this.state.network?.file;
    const community = file?.communities.find((c) => c.id === id);
    if (!file || !community) return;
    const members = file.people.filter((p) => p.communities?.includes(id)).length;
    const result = await this.call('community:delete', { id }, { what: `Could not delete ${community.name}` });
    if (!result.ok) return;
    this.afterDelete(
      `Deleted ${community.name}${members > 0 ? ` and took it off ${members} ${members === 1 ? 'person' : 'people'}` : ''}.`,
      null,
    );
  }

  /** Sets a person's communities as a whole (order kept); an empty list clears the field. */
  async setPersonCommunities(id: PersonId, communities: readonly CommunityId[]): Promise<boolean> {
    const person = this.state.index?.people.get(id);
    const result = await this.call(
      'person:update',
      { id, patch: { communities: communities.length > 0 ? [...communities] : null } },
      { what: `Could not change ${person?.name ?? 'the person'}’s communities` },
    );
    if (result.ok) this.applyLocal('person', result.value);
    return result.ok;
  }

  /** Records an opportunity; the form shows a refusal itself, so no toast. */
  async createOpportunity(fields: CallInput<'opportunity:create'>): Promise<Result<Opportunity>> {
    const result = await this.call('opportunity:create', fields, { quiet: true });
    if (result.ok) {
      this.applyLocal('opportunity', result.value);
      this.toast({ kind: 'success', message: `Recorded ${result.value.title}.` });
    }
    return result;
  }

  async updateOpportunity(id: OpportunityId, patch: CallInput<'opportunity:update'>['patch']): Promise<Result<Opportunity>> {
    const result = await this.call('opportunity:update', { id, patch }, { quiet: true });
    if (result.ok) this.applyLocal('opportunity', result.value);
    return result;
  }

  async deleteOpportunity(id: OpportunityId): Promise<void> {
    const opportunity = this.state.network?.file.opportunities.find((o) => o.id === id);
    if (!opportunity) return;
    const result = await this.call('opportunity:delete', { id }, { what: `Could not delete ${opportunity.title}` });
    if (result.ok) this.afterDelete(`Deleted ${opportunity.title}.`, null);
  }

  undo(): Promise<unknown> {
    return this.call('history:undo', {}, { what: 'Could not undo' });
  }

  redo(): Promise<unknown> {
    return this.call('history:redo', {}, { what: 'Could not redo' });
  }

  async loadExample(): Promise<void> {
    const result = await this.call('network:loadExample', {}, { what: 'Could not load the example' });
    if (result.ok) await this.refresh();
  }

  async resolveExternalChange(choice: 'reload' | 'keep-mine-as-copy'): Promise<void> {
    this.set({ busy: true });
    const result = await this.call('file:resolveExternalChange', { choice }, { what: 'Could not resolve the change on disk' });
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
    const result = await this.call('file:restoreBackup', name ? { name } : {}, { what: 'Could not restore the backup' });
    this.set({ busy: false, ...(result.ok ? { fileStatus: result.value } : {}) });
    if (result.ok) {
      this.toast({ kind: 'success', message: 'Restored the backup. The damaged file was kept beside it.' });
      await this.refresh();
    }
  }
}

interface LocalEntities {
  person: Person;
  tie: Tie;
  community: Community;
  opportunity: Opportunity;
}
const LOCAL_LISTS = { person: 'people', tie: 'ties', community: 'communities', opportunity: 'opportunities' } as const satisfies Record<
  keyof LocalEntities,
  keyof KithFile
>;

function upsert<T extends { id: string }>(list: readonly T[], item: T): T[] {
  const at = list.findIndex((x) => x.id === item.id);
  if (at < 0) return [...list, item];
  const copy = [...list];
  copy[at] = item;
  return copy;
}

const CAUSE_WEIGHT: Readonly<Record<string, number>> = { edit: 0, undo: 0, redo: 0, import: 2, reload: 2, restore: 2 };

function strongerCause(a: string | undefined, b: string): string {
  return a !== undefined && (CAUSE_WEIGHT[a] ?? 0) >= (CAUSE_WEIGHT[b] ?? 0) ? a : b;
}

function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

function whenIdle(run: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 2000 });
  else setTimeout(run, 50);
}

/** What the file holds for a draft's field, whose field it is, and how to show it; undefined when the entity or field is gone. */
function storedText(file: KithFile, key: string): { text: string; whose: string; selection: Selection } | undefined {
  const { kind, field, id } = parseDraftKey(key);
  if (kind === 'person') {
    const person = file.people.find((p) => p.id === id);
    if (!person || !isOneOf(PERSON_FIELDS, field)) return undefined;
    return { text: personFieldText(person, field), whose: person.name, selection: { kind: 'person', id: person.id } };
  }
  if (kind === 'tie') {
    const tie = file.ties.find((t) => t.id === id);
    if (!tie || !isOneOf(TIE_TEXT_FIELDS, field)) return undefined;
    const name = (pid: string) => file.people.find((p) => p.id === pid)?.name ?? '?';
    return {
      text: tieFieldText(tie, field),
      whose: `the tie ${name(tie.a)} – ${name(tie.b)}`,
      selection: { kind: 'tie', id: tie.id },
    };
  }
  if (kind === 'community' && field === 'name') {
    const community = file.communities.find((c) => c.id === id);
    return community ? { text: community.name, whose: `the community ${community.name}`, selection: null } : undefined;
  }
  return undefined;
}

/** Drafts of entities that no longer exist are dropped; a draft that failed stays until the user acts. */
function pruneDrafts(drafts: ReadonlyMap<string, Draft>, file: KithFile): ReadonlyMap<string, Draft> {
  if (drafts.size === 0) return drafts;
  const ids: Record<string, ReadonlySet<string>> = {
    person: new Set<string>(file.people.map((p) => p.id)),
    tie: new Set<string>(file.ties.map((t) => t.id)),
    community: new Set<string>(file.communities.map((c) => c.id)),
  };
  let changed = false;
  const out = new Map<string, Draft>();
  for (const [key, draft] of drafts) {
    const { kind, id } = parseDraftKey(key);
    const alive = ids[kind]?.has(id) ?? false;
    if (alive || draft.error) out.set(key, draft);
    else changed = true;
  }
  return changed ? out : drafts;
}
