import type { EditName, QueryName } from '../../../shared/api/contract/index';
import type { Network } from '../../../shared/api/contract/core';
import type { Result } from '../../../shared/api/envelope';
import type { Community, KithFile, Opportunity, Person, Tie } from '../../../shared/domain/model';
import type { CallInput, CallOutput } from '../api/bridge';
import type { FirstLoad } from '../api/firstLoad';
import { pruneDrafts } from './draftText';
import { indexNetwork, needsRelayout } from './networkIndex';
import { applyPatch, isEmptyPatch } from './networkPatch';
import { ToastStore } from './toasts';

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

const CAUSE_WEIGHT: Readonly<Record<string, number>> = { edit: 0, undo: 0, redo: 0, import: 2, reload: 2, restore: 2 };

function strongerCause(a: string | undefined, b: string): string {
  return a !== undefined && (CAUSE_WEIGHT[a] ?? 0) >= (CAUSE_WEIGHT[b] ?? 0) ? a : b;
}

function upsert<T extends { id: string }>(list: readonly T[], item: T): T[] {
  const at = list.findIndex((x) => x.id === item.id);
  if (at < 0) return [...list, item];
  const copy = [...list];
  copy[at] = item;
  return copy;
}

/** Options of a call made through the store. */
export interface CallOptions {
  /** No toast on a refusal: the caller says it where the user looks. */
  readonly quiet?: boolean;
  /** What did not work, to start the toast with. */
  readonly what?: string;
}

/**
 * The network, kept in step with the backend: fetched whole at first and
 * after a reload, as the changes since the held revision after each edit,
 * whenever the backend says it changed. A new network arrives together with
 * what it means for the picture (an opened file's saved view, a fresh
 * layout after an import, an ego view whose person is gone).
 */
export class NetworkSync extends ToastStore {
  private fetching: Promise<void> | null = null;
  /** The entry's first calls, until the first fetch takes them. */
  private firstLoad: FirstLoad | null = null;
  private queued: Promise<void> | null = null;
  private pendingCause: string | undefined;
  private latestEventRevision = -1;
  /** Counts local updates (applyLocal), so that a fetch that started before one does not undo it. */
  private localSeq = 0;
  /** The data file whose saved view was taken up. */
  private openedPath: string | null = null;
  private hadNetwork = false;

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
      this.stopToastTimers();
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

  /** A call that only reads (see ChannelKind); a refusal is shown in a toast unless `quiet`. */
  async query<N extends QueryName>(name: N, input: CallInput<N>, opts: CallOptions = {}): Promise<Result<CallOutput<N>>> {
    const result = await this.client.call(name, input);
    if (!result.ok && !opts.quiet) this.toastError(opts.what ?? 'That did not work', result.error);
    return result;
  }

  /** A call that may change the network: a refusal is shown in a toast unless `quiet`; a success refetches. */
  async edit<N extends EditName>(name: N, input: CallInput<N>, opts: CallOptions = {}): Promise<Result<CallOutput<N>>> {
    const result = await this.client.call(name, input);
    if (!result.ok) {
      if (!opts.quiet) this.toastError(opts.what ?? 'That did not work', result.error);
      return result;
    }
    void this.refresh();
    return result;
  }

  /** Called once, after the first network is in. */
  protected afterFirstNetwork(): void {}

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
    const path = this.state.fileStatus?.path ?? '';
    const index = indexNetwork(network.file);
    this.batch(() => {
      if (path !== this.openedPath) {
        // A file opened (the first, or another through File > Open): the picture it was saved with comes back.
        this.openedPath = path;
        this.view.adopt(network.file.view?.layout);
        this.commands.send({ kind: 'open', saved: network.file.view });
      } else if (needsRelayout(previous, network.file, cause)) {
        // An import, reload or restore: pictures seen before no longer apply.
        this.commands.send({ kind: 'layout', animated: false, forget: true });
      }
      const ego = this.view.getState().ego;
      if (ego && !index.people.has(ego.id)) this.view.setEgo(null);
      this.set({ phase: 'ready', failure: null, network, index, drafts: pruneDrafts(this.state.drafts, network.file) });
    });
    if (!this.hadNetwork) {
      this.hadNetwork = true;
      this.afterFirstNetwork();
    }
  }

  /** Puts an entity the backend just returned into the local copy, so that views do not flicker back before the refetch. */
  protected applyLocal<K extends keyof LocalEntities>(kind: K, entity: LocalEntities[K]): void {
    const network = this.state.network;
    if (!network) return;
    const list = LOCAL_LISTS[kind];
    const file = { ...network.file, [list]: upsert<{ id: string }>(network.file[list], entity) } as KithFile;
    this.localSeq += 1;
    this.set({ network: { ...network, file }, index: indexNetwork(file) });
  }
}
