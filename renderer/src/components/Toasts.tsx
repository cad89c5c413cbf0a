import type React from 'react';
import { useAppState, useStore } from '../store/useAppState';
import { AlertIcon, CheckIcon, CloseIcon, InfoIcon } from './icons';

export function Toasts(): React.JSX.Element {
  const store = useStore();
  const toasts = useAppState((s) => s.toasts);
  return (
    <div className="toasts" aria-live="polite" aria-relevant="additions" data-testid="toasts">
      {toasts.map((t) => (
        <div
          key={t.id}
          className={`toast toast-${t.kind}`}
          role={t.kind === 'error' ? 'alert' : 'status'}
          data-testid="toast"
          data-kind={t.kind}
        >
          {t.kind === 'error' ? (
            <AlertIcon className="toast-icon" />
          ) : t.kind === 'success' ? (
            <CheckIcon className="toast-icon" />
          ) : (
            <InfoIcon className="toast-icon" />
          )}
          <div className="toast-text">
            <div>{t.message}</div>
            {t.detail ? <div className="toast-detail">{t.detail}</div> : null}
          </div>
          {t.action ? (
            <button
              type="button"
              className="toast-action"
              data-testid={t.action.testId}
              onClick={() => {
                store.dismissToast(t.id);
                t.action?.run();
              }}
            >
              {t.action.label}
            </button>
          ) : null}
          <button type="button" className="toast-close" aria-label="Dismiss" onClick={() => store.dismissToast(t.id)}>
            <CloseIcon />
          </button>
        </div>
      ))}
    </div>
  );
}
