import type React from 'react';
import { useState } from 'react';
import type { PersonFields } from '../../../shared/api/contract/core';
import { parseList } from '../store/lists';
import { useStore } from '../store/useAppState';
import { Dialog, FormActions, FormError } from './Dialog';

const EMPTY = { name: '', company: '', position: '', tags: '', interests: '', needs: '', offers: '', notes: '' };
type Form = typeof EMPTY;

export function AddPersonDialog(): React.JSX.Element {
  const store = useStore();
  const [form, setForm] = useState<Form>(EMPTY);
  const [error, setError] = useState<string | null>(null);
  const [nameMissing, setNameMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof Form) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    setForm((f) => ({ ...f, [key]: e.target.value }));
    if (key === 'name') setNameMissing(false);
  };

  const submit = async () => {
    if (busy) return;
    if (form.name.trim() === '') {
      setNameMissing(true);
      document.getElementById('add-name')?.focus();
      return;
    }
    const fields: PersonFields = { name: form.name.trim() };
    for (const key of ['company', 'position'] as const) if (form[key].trim()) fields[key] = form[key].trim();
    for (const key of ['tags', 'interests', 'needs', 'offers'] as const) {
      const list = parseList(form[key]);
      if (list.length > 0) fields[key] = list;
    }
    if (form.notes.trim()) fields.notes = form.notes;
    setBusy(true);
    setError(null);
    const result = await store.createPerson(fields);
    setBusy(false);
    if (!result.ok) setError(result.error.message);
  };

  const text = (key: keyof Form, label: string, extra: { hint?: string; placeholder?: string; required?: boolean } = {}) => (
    <div className="field">
      <label className="field-label" htmlFor={`add-${key}`}>
        <span>
          {label}
          {extra.required ? <span aria-hidden="true"> *</span> : null}
        </span>
        {extra.hint ? <span className="field-hint">{extra.hint}</span> : null}
      </label>
      <input
        id={`add-${key}`}
        className="input"
        value={form[key]}
        onChange={set(key)}
        placeholder={extra.placeholder}
        autoComplete="off"
        required={extra.required}
        aria-invalid={key === 'name' && nameMissing ? true : undefined}
        aria-describedby={key === 'name' && nameMissing ? 'add-name-error' : undefined}
        data-testid={`add-${key}`}
        data-autofocus={key === 'name' ? true : undefined}
      />
      {key === 'name' && nameMissing ? (
        <div className="field-error" id="add-name-error" role="alert">
          Enter a name.
        </div>
      ) : null}
    </div>
  );

  return (
    <Dialog
      title="Add a person"
      description="Only the name is needed; you can fill in the rest later."
      testId="add-person-dialog"
      onClose={() => store.closeDialog()}
      onSubmit={() => void submit()}
      unsaved={Object.values(form).some((v) => v.trim() !== '')}
      footer={<FormActions busy={busy} label="Add person" busyLabel="Adding…" testId="add-submit" />}
    >
      <FormError message={error} testId="add-error" />
      {text('name', 'Name', { required: true, placeholder: 'Full name' })}
      <div className="field-row">
        {text('company', 'Company')}
        {text('position', 'Position')}
      </div>
      {text('tags', 'Tags', { hint: 'comma-separated' })}
      <div className="field-row">
        {text('interests', 'Interests', { hint: 'comma-separated' })}
        {text('needs', 'Looking for', { hint: 'comma-separated' })}
      </div>
      {text('offers', 'Can help with', { hint: 'comma-separated' })}
      <div className="field">
        <label className="field-label" htmlFor="add-notes">
          Notes
        </label>
        <textarea id="add-notes" className="textarea" rows={3} value={form.notes} onChange={set('notes')} data-testid="add-notes" />
      </div>
    </Dialog>
  );
}
