import { createContext, useCallback, useContext, useState } from 'react';

/** What each insights view remembers across tab switches (a target, a path, reach settings), by view id. */
export const InsightMemories = createContext<Map<string, unknown>>(new Map());

/**
 * A view's own state that outlives the view (it unmounts when another tab is
 * chosen): like useState, kept in the panel by the view's id.
 */
export function useInsightMemory<M>(id: string, initial: M): [M, (memory: M) => void] {
  const memories = useContext(InsightMemories);
  const [memory, setMemory] = useState<M>(() => (memories.has(id) ? (memories.get(id) as M) : initial));
  const remember = useCallback(
    (next: M) => {
      memories.set(id, next);
      setMemory(next);
    },
    [memories, id],
  );
  return [memory, remember];
}
