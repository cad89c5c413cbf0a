import type React from 'react';
import { useState } from 'react';
import { useStore } from '../store/useAppState';
import { BrandMark, ImportIcon, SparkIcon } from './icons';

/** First run: the network holds only me. */
export function EmptyState({ onImport }: { readonly onImport: () => void }): React.JSX.Element {
  const store = useStore();
  const [loading, setLoading] = useState(false);
  return (
    <section className="empty-state" data-testid="empty-state" aria-labelledby="empty-title">
      <BrandMark className="empty-orbit" />
      <h2 id="empty-title">Your network starts with you</h2>
      <p>
        Kith draws the people you know around you and tells apart <strong>Living</strong> ties, grown from curiosity and shared interests,
        from <strong>Doing</strong> ties, made for a goal.
      </p>
      <div className="empty-actions">
        <button
          type="button"
          className="btn btn-primary btn-lg btn-block"
          data-testid="empty-example"
          disabled={loading}
          onClick={() => {
            setLoading(true);
            void store.loadExample().finally(() => setLoading(false));
          }}
        >
          <SparkIcon />
          {loading ? 'Loading the example…' : 'Start with the example network'}
        </button>
        <button type="button" className="btn btn-lg btn-block" data-testid="empty-import" onClick={onImport}>
          <ImportIcon />
          Import your LinkedIn export
        </button>
      </div>
      <div className="empty-foot">
        or{' '}
        <button
          type="button"
          className="link-button"
          data-testid="empty-add-person"
          onClick={() => store.openDialog({ kind: 'add-person' })}
        >
          add someone by hand
        </button>
      </div>
    </section>
  );
}
