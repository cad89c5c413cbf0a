import { useEffect, useState } from 'react';
import { loadFuse } from '../graph/search';

/**
 * Whether typo matching (fuse.js) is in: loads it once `wanted` (the first
 * search), and says true once it is, so that the same query is searched
 * again with typos. Plain matches never wait for it.
 */
export function useTypoMatching(wanted: boolean): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (!wanted || ready) return undefined;
    let live = true;
    loadFuse().then(
      () => live && setReady(true),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [wanted, ready]);
  return ready;
}
