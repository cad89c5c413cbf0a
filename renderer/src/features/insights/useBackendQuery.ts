import { useCallback, useEffect, useState } from 'react';
import type { ChannelName } from '../../../../shared/api/contract/index';
import type { ApiError } from '../../../../shared/api/envelope';
import type { CallInput, CallOutput } from '../../api/bridge';
import { useAppState, useStore } from '../../store/useAppState';

export interface QueryState<T> {
  /** The latest answer for this input; kept while a newer revision is being fetched, so views do not flicker. */
  readonly data: T | null;
  readonly error: ApiError | null;
  readonly loading: boolean;
  readonly reload: () => void;
}

interface Answer<T> {
  readonly request: string;
  readonly input: string;
  readonly data: T | null;
  readonly error: ApiError | null;
}

/**
 * Runs a read-only backend query and reruns it whenever the network changes
 * (its revision) or the input does. The work happens in the backend process;
 * the page only waits. `input: null` runs nothing. Read queries go straight
 * to the client so that they do not trigger a network refetch.
 */
export function useBackendQuery<N extends ChannelName>(name: N, input: CallInput<N> | null): QueryState<CallOutput<N>> {
  const store = useStore();
  const revision = useAppState((s) => s.network?.revision ?? -1);
  const [nonce, setNonce] = useState(0);
  const inputKey = input === null ? null : JSON.stringify(input);
  const request = inputKey === null ? null : `${revision}|${nonce}|${inputKey}`;
  const [answer, setAnswer] = useState<Answer<CallOutput<N>> | null>(null);
  useEffect(() => {
    if (request === null || inputKey === null) return undefined;
    let live = true;
    void store.client.call(name, JSON.parse(inputKey) as CallInput<N>).then((result) => {
      if (!live) return;
      setAnswer({ request, input: inputKey, data: result.ok ? result.value : null, error: result.ok ? null : result.error });
    });
    return () => {
      live = false;
    };
  }, [store, name, inputKey, request]);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  const current = answer !== null && answer.request === request;
  const sameInput = answer !== null && answer.input === inputKey;
  return {
    data: sameInput ? answer.data : null,
    error: current ? answer.error : null,
    loading: request !== null && !current,
    reload,
  };
}
