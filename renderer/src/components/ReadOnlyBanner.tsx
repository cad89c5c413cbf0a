import type React from 'react';
import { useAppState } from '../store/useAppState';
import { LockIcon } from './icons';
import './fileState.css';

/** Shown while the data file is open for viewing only: why, and what to do to change it. */
export function ReadOnlyBanner(): React.JSX.Element | null {
  const readOnly = useAppState((s) => s.fileStatus?.readOnly);
  if (!readOnly) return null;
  return (
    <div className="banner banner-read-only" role="status" data-testid="read-only-banner">
      <LockIcon />
      <span>
        <strong>Read-only.</strong> {readOnly.reason}. You can explore the network, but Kith cannot save changes to this file. To edit it,
        make the file and its folder writable and open it again.
      </span>
    </div>
  );
}
