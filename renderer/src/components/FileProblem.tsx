import type React from 'react';
import { baseName } from '../store/lists';
import { useAppState, useStore } from '../store/useAppState';
import { Dialog } from './Dialog';
import { AlertIcon } from './icons';

function formatDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A file problem the user must decide on blocks the window until resolved. */
export function FileProblemDialog(): React.JSX.Element | null {
  const store = useStore();
  const status = useAppState((s) => s.fileStatus);
  const busy = useAppState((s) => s.busy);
  const problem = status?.problem;
  if (!status || !problem || problem.kind === 'save-failed') return null;
  const file = baseName(status.path);

  if (problem.kind === 'corrupt') {
    const newest = problem.backups[0];
    return (
      <Dialog
        key="corrupt"
        title={`${file} cannot be read`}
        description="Kith has not changed the file. You can restore a backup; the damaged file is kept beside it."
        icon={
          <span className="dialog-icon danger">
            <AlertIcon />
          </span>
        }
        testId="file-problem-corrupt"
        width={560}
        footer={
          <>
            <span className="spacer" />
            <button type="button" className="btn" disabled={busy} onClick={() => void store.refresh()}>
              Check again
            </button>
            <button
              type="button"
              className="btn btn-primary"
              data-testid="restore-newest"
              data-autofocus
              disabled={busy || !newest}
              onClick={() => void store.restoreBackup(newest?.name)}
            >
              Restore newest backup
            </button>
          </>
        }
      >
        <div className="form-error" role="alert">
          <span>{problem.message}</span>
        </div>
        {problem.backups.length > 0 ? (
          <>
            <span className="field-label">Backups, newest first</span>
            <ul className="backup-list" data-testid="backup-list">
              {problem.backups.map((b) => (
                <li key={b.name}>
                  <div className="backup-text">
                    <div className="backup-name">{b.name}</div>
                    <div className="muted">
                      {formatDate(b.savedAt)} · {b.people} people · {b.ties} ties
                    </div>
                  </div>
                  <button type="button" className="btn" disabled={busy} onClick={() => void store.restoreBackup(b.name)}>
                    Restore
                  </button>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="prose">There is no backup of this file yet. Close Kith and repair or replace the file by hand, then check again.</p>
        )}
      </Dialog>
    );
  }

  return (
    <Dialog
      key="external-change"
      title={`${file} was changed by another program`}
      description="A sync folder or another app wrote to your data file while Kith had it open. Nothing is overwritten until you choose."
      icon={
        <span className="dialog-icon warning">
          <AlertIcon />
        </span>
      }
      testId="file-problem-external"
      width={560}
      footer={
        <>
          <button
            type="button"
            className="btn"
            data-testid="keep-mine"
            disabled={busy}
            onClick={() => void store.resolveExternalChange('keep-mine-as-copy')}
          >
            Keep mine, save theirs as a copy
          </button>
          <button
            type="button"
            className="btn btn-primary"
            data-testid="reload-from-disk"
            data-autofocus
            disabled={busy}
            onClick={() => void store.resolveExternalChange('reload')}
          >
            Reload from disk
          </button>
        </>
      }
    >
      <p className="prose" role="alert">
        {problem.message}
      </p>
      <p className="prose muted">Reloading keeps any edits Kith had not saved yet in a copy beside the file.</p>
    </Dialog>
  );
}

/** A failed save does not block: the edits stay in memory and the user is told. */
export function SaveFailedBanner(): React.JSX.Element | null {
  const problem = useAppState((s) => s.fileStatus?.problem);
  if (problem?.kind !== 'save-failed') return null;
  return (
    <div className="banner banner-danger" role="alert" data-testid="save-failed">
      <AlertIcon />
      <span>
        <strong>Your changes could not be saved.</strong> {problem.message} Your edits are kept in this window; do not close Kith until they
        are saved.
      </span>
    </div>
  );
}
