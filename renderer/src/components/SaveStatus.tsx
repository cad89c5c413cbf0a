import type React from 'react';
import { useAppState } from '../store/useAppState';

/**
 * Where the file stands, beside its name: "Saving…" from the moment an edit
 * is made until the save that holds it is on disk (an edit's answer comes
 * before its save; the backend saves at least once a second while edits keep
 * coming), "Saved" after, "Read-only" for a file open for viewing only, or
 * the problem that stops saving.
 */
export function SaveStatus(): React.JSX.Element | null {
  const status = useAppState((s) => s.fileStatus);
  if (!status) return null;
  const problem = status.problem?.kind;
  const state = problem !== undefined ? 'failed' : status.readOnly ? 'read-only' : status.isDirty ? 'saving' : 'saved';
  const text =
    problem === 'save-failed'
      ? 'Not saved'
      : problem === 'corrupt'
        ? 'Cannot read the file'
        : problem === 'external-change'
          ? 'Changed on disk'
          : status.readOnly
            ? 'Read-only'
            : status.isDirty
              ? 'Saving…'
              : 'Saved';
  const title =
    problem !== undefined
      ? (status.problem?.message ?? '')
      : status.readOnly
        ? status.readOnly.reason
        : status.isDirty
          ? 'Your latest changes are being written to disk'
          : status.lastSavedAt
            ? `Saved ${new Date(status.lastSavedAt).toLocaleString()}`
            : 'All changes are saved';
  return (
    <span className="save-state" data-testid="save-state" data-state={state} title={title} aria-live="polite">
      <span className="dot" aria-hidden="true" />
      {text}
    </span>
  );
}
