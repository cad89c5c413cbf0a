import type React from 'react';
import { useState } from 'react';
import type { TieFields } from '../../../shared/api/contract/core';
import type { PersonId } from '../../../shared/domain/model';
import { activityOrigin, type Activity, type Origin } from '../../../shared/domain/vocabulary';
import { useAppState, useStore } from '../store/useAppState';
import { Dialog, FormActions, FormError } from './Dialog';
import { Segmented } from './fields';
import { PersonPicker } from './PersonPicker';
import { ActivityOptions, ORIGIN_OPTIONS, STRENGTH_LABELS, STRENGTH_OPTIONS } from './TiePanel';

export function ConnectDialog({
  initialA,
  initialB,
}: {
  readonly initialA?: PersonId | undefined;
  readonly initialB?: PersonId | undefined;
}): React.JSX.Element {
  const store = useStore();
  const file = useAppState((s) => s.network?.file);
  const meId = file?.meId;
  const [a, setA] = useState<PersonId | null>(initialA ?? meId ?? null);
  const [b, setB] = useState<PersonId | null>(initialB ?? (initialA && initialA !== meId ? (meId ?? null) : null));
  const [origin, setOrigin] = useState<Origin>('living');
  const [activity, setActivity] = useState<Activity | ''>('');
  const [strength, setStrength] = useState<number>(3);
  const [since, setSince] = useState('');
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const changeOrigin = (o: Origin) => {
    setOrigin(o);
    if (activity && o !== 'unknown' && activityOrigin(activity) !== o) setActivity('');
  };

  const submit = async () => {
    if (busy) return;
    if (!a || !b) {
      setError('Pick the two people this tie connects.');
      return;
    }
    if (a === b) {
      setError('A tie connects two different people.');
      return;
    }
    const fields: TieFields = { a, b, origin, strength };
    if (activity) fields.activity = activity;
    if (since) fields.since = since;
    if (notes.trim()) fields.notes = notes;
    setBusy(true);
    setError(null);
    const result = await store.createTie(fields);
    setBusy(false);
    if (!result.ok) setError(result.error.message);
  };

  return (
    <Dialog
      title="Connect two people"
      description="Record a tie and how it came about."
      testId="connect-dialog"
      width={540}
      onClose={() => store.closeDialog()}
      onSubmit={() => void submit()}
      unsaved={notes.trim() !== '' || since !== ''}
      footer={<FormActions busy={busy} label="Connect" busyLabel="Connecting…" testId="connect-submit" />}
    >
      <FormError message={error} testId="connect-error" />
      <div className="field-row">
        <PersonPicker
          label="Person"
          people={file?.people ?? []}
          meId={meId}
          value={a}
          exclude={b}
          onChange={setA}
          placeholder="Search people…"
          testId="connect-a"
          autoFocus={!a}
        />
        <PersonPicker
          label="Connected with"
          people={file?.people ?? []}
          meId={meId}
          value={b}
          exclude={a}
          onChange={setB}
          placeholder="Search people…"
          testId="connect-b"
          autoFocus={Boolean(a) && !b}
        />
      </div>
      <div className="field">
        <span className="field-label">Origin</span>
        <Segmented label="Origin" options={ORIGIN_OPTIONS} value={origin} onChange={changeOrigin} testId="connect-origin" />
      </div>
      <div className="field-row">
        <div className="field">
          <label className="field-label" htmlFor="connect-activity">
            Activity
          </label>
          <select
            id="connect-activity"
            className="select"
            data-testid="connect-activity"
            value={activity}
            onChange={(e) => setActivity(e.target.value as Activity | '')}
          >
            <ActivityOptions origin={origin} />
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor="connect-since">
            Since
          </label>
          <input
            id="connect-since"
            className="input"
            type="date"
            value={since}
            onChange={(e) => setSince(e.target.value)}
            data-testid="connect-since"
          />
        </div>
      </div>
      <div className="field">
        <span className="field-label">
          <span>Strength</span>
          <span className="field-hint">{STRENGTH_LABELS[strength]}</span>
        </span>
        <Segmented label="Strength" options={STRENGTH_OPTIONS} value={strength} onChange={setStrength} testId="connect-strength" />
      </div>
      <div className="field">
        <label className="field-label" htmlFor="connect-notes">
          Notes
        </label>
        <textarea
          id="connect-notes"
          className="textarea"
          rows={3}
          value={notes}
          onChange={(e) => setNotes(e.target.value)}
          data-testid="connect-notes"
        />
      </div>
    </Dialog>
  );
}
