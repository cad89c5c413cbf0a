import type React from 'react';
import { useId, useMemo, useState } from 'react';
import type { CommunityId, Opportunity, OpportunityId, PersonId } from '../../../../shared/domain/model';
import { ACTIVITY_LABELS, OPPORTUNITY_KIND_LABELS, OPPORTUNITY_KINDS, type OpportunityKind } from '../../../../shared/domain/vocabulary';
import { sortedCommunities } from '../../store/communities';
import { Dialog, FormActions, FormError } from '../../components/Dialog';
import { OriginChip } from '../../components/fields';
import { TrashIcon } from '../../components/icons';
import { NewCommunityForm } from '../../components/NewCommunityForm';
import { PersonPicker } from '../../components/PersonPicker';
import { useAppState, useStore } from '../../store/useAppState';
import {
  checkOpportunityForm,
  companySuggestions,
  hasTypedText,
  emptyOpportunityForm,
  formFromOpportunity,
  localToday,
  opportunityFields,
  opportunityPatch,
  throughSummary,
  type OpportunityForm,
  type ThroughSummary,
} from './opportunityForm';
import { useBackendQuery } from './useBackendQuery';

const NEW_COMMUNITY = '__new__';
const COMPANY_SUGGESTIONS = 200;

interface OpportunityDialogProps {
  /** The opportunity to edit; absent to record a new one. */
  readonly opportunity?: Opportunity;
  readonly onClose: () => void;
  /** After a save: the id of the opportunity recorded or edited. */
  readonly onSaved: (id: OpportunityId) => void;
}

/**
 * What the opportunity will be traced to, said before it is saved: my own tie
 * to whoever brought it, else the warmest path to them (asked of the backend,
 * as the provenance does).
 */
function ThroughHint({
  through,
  summary,
  name,
}: {
  readonly through: PersonId | null;
  readonly summary: ThroughSummary | null;
  readonly name: string | undefined;
}): React.JSX.Element {
  const indirect = through !== null && summary?.kind === 'indirect';
  const { data, error } = useBackendQuery('paths:find', indirect ? { target: { kind: 'person', value: through }, k: 1 } : null);
  if (!summary) return <span className="muted">Leave it empty if nobody brought it; it then counts as not traced.</span>;
  if (summary.kind === 'me') return <span>You found it yourself: it counts as not traced.</span>;
  if (summary.kind === 'direct') {
    return (
      <>
        <OriginChip origin={summary.origin} />
        <span>
          Your tie to {name}
          {summary.activity ? ` (${ACTIVITY_LABELS[summary.activity].toLowerCase()})` : ''}
          {summary.introducedBy ? `, who was introduced to you by ${summary.introducedBy}: traced back through that introduction.` : '.'}
        </span>
      </>
    );
  }
  const path = data?.paths[0];
  const first = path?.hops[0];
  if (path && first) {
    return (
      <>
        <OriginChip origin={first.origin} />
        <span>
          No direct tie: traced through {path.hops.map((h) => h.toName).join(' → ')}, starting with your tie to {first.toName}
          {first.activity ? ` (${ACTIVITY_LABELS[first.activity].toLowerCase()})` : ''}.
        </span>
      </>
    );
  }
  if (data || error) return <span>No chain of ties leads from you to {name} yet: it counts as not traced.</span>;
  return <span className="muted">Finding the warmest path to {name}…</span>;
}

/** Records an opportunity (what came, when, through whom) or edits one. */
export function OpportunityDialog({ opportunity, onClose, onSaved }: OpportunityDialogProps): React.JSX.Element {
  const store = useStore();
  const file = useAppState((s) => s.network?.file);
  const id = useId();
  const [initial] = useState<OpportunityForm>(() =>
    opportunity ? formFromOpportunity(opportunity) : emptyOpportunityForm(localToday(new Date())),
  );
  const [form, setForm] = useState<OpportunityForm>(initial);
  const [problem, setProblem] = useState<{ field: 'title' | 'date' | 'form'; message: string } | null>(null);
  const [creatingCommunity, setCreatingCommunity] = useState(false);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof OpportunityForm>(key: K, value: OpportunityForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    if (problem && problem.field === key) setProblem(null);
  };

  const people = file?.people ?? [];
  const companies = useMemo(() => companySuggestions(file?.people ?? [], form.through, COMPANY_SUGGESTIONS), [file, form.through]);
  const communities = useMemo(() => sortedCommunities(file?.communities ?? []), [file]);
  const through = useMemo(() => (form.through && file ? throughSummary(file, form.through) : null), [file, form.through]);
  const throughName = form.through ? people.find((p) => p.id === form.through)?.name : undefined;

  const submit = async () => {
    if (busy) return;
    const check = checkOpportunityForm(form);
    if (check) {
      setProblem(check);
      document.getElementById(`${id}-${check.field}`)?.focus();
      return;
    }
    setBusy(true);
    setProblem(null);
    if (opportunity) {
      const patch = opportunityPatch(opportunity, form);
      if (!patch) {
        setBusy(false);
        onClose();
        return;
      }
      const result = await store.updateOpportunity(opportunity.id, patch);
      setBusy(false);
      if (result.ok) onSaved(result.value.id);
      else setProblem({ field: 'form', message: result.error.message });
      return;
    }
    const result = await store.createOpportunity(opportunityFields(form));
    setBusy(false);
    if (result.ok) onSaved(result.value.id);
    else setProblem({ field: 'form', message: result.error.message });
  };

  const fieldError = (field: 'title' | 'date') =>
    problem?.field === field ? (
      <div className="field-error" id={`${id}-${field}-error`} role="alert">
        {problem.message}
      </div>
    ) : null;

  return (
    <Dialog
      title={opportunity ? 'Edit opportunity' : 'Record an opportunity'}
      description={
        opportunity
          ? undefined
          : 'A job, project, client, talk or collaboration that came your way. Say who brought it, and Kith traces it back to the tie that started it.'
      }
      testId="opportunity-dialog"
      width={580}
      onClose={onClose}
      onSubmit={() => void submit()}
      unsaved={hasTypedText(initial, form)}
      footer={
        <>
          {opportunity ? (
            <button
              type="button"
              className="btn btn-danger"
              data-testid="opportunity-form-delete"
              onClick={() => {
                onClose();
                void store.deleteOpportunity(opportunity.id);
              }}
            >
              <TrashIcon />
              Delete
            </button>
          ) : null}
          <span className="spacer" />
          <FormActions
            busy={busy}
            label={opportunity ? 'Save changes' : 'Record opportunity'}
            busyLabel="Saving…"
            testId="opportunity-submit"
          />
        </>
      }
    >
      <FormError message={problem?.field === 'form' ? problem.message : null} testId="opportunity-error" />
      <div className="field">
        <label className="field-label" htmlFor={`${id}-title`}>
          <span>
            What was it<span aria-hidden="true"> *</span>
          </span>
        </label>
        <input
          id={`${id}-title`}
          className="input input-title"
          value={form.title}
          placeholder="e.g. Design sprint for Helix Health"
          autoComplete="off"
          maxLength={200}
          required
          aria-invalid={problem?.field === 'title' ? true : undefined}
          aria-describedby={problem?.field === 'title' ? `${id}-title-error` : undefined}
          data-testid="opportunity-title"
          data-autofocus
          onChange={(e) => set('title', e.target.value)}
        />
        {fieldError('title')}
      </div>
      <div className="field-row">
        <div className="field">
          <label className="field-label" htmlFor={`${id}-kind`}>
            Kind
          </label>
          <select
            id={`${id}-kind`}
            className="select"
            value={form.kind}
            data-testid="opportunity-kind"
            onChange={(e) => set('kind', e.target.value as OpportunityKind)}
          >
            {OPPORTUNITY_KINDS.map((k) => (
              <option key={k} value={k}>
                {OPPORTUNITY_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <div className="field-label">
            <label htmlFor={`${id}-date`}>When it came</label>
            {form.date ? (
              <span className="field-hint">
                <button type="button" className="link-button" onClick={() => set('date', '')}>
                  Clear
                </button>
              </span>
            ) : null}
          </div>
          <input
            id={`${id}-date`}
            className="input"
            type="date"
            value={form.date}
            aria-invalid={problem?.field === 'date' ? true : undefined}
            aria-describedby={problem?.field === 'date' ? `${id}-date-error` : undefined}
            data-testid="opportunity-date"
            onChange={(e) => set('date', e.target.value)}
          />
          {fieldError('date')}
        </div>
      </div>
      <div className="through-field">
        <PersonPicker
          label="Through whom"
          labelAside={
            form.through ? (
              <button type="button" className="link-button" onClick={() => set('through', null)}>
                Clear
              </button>
            ) : (
              'who brought it to you'
            )
          }
          people={people}
          meId={file?.meId}
          value={form.through}
          onChange={(p: PersonId) => set('through', p)}
          placeholder="Search people…"
          describedBy={`${id}-through-hint`}
          testId="opportunity-through"
        />
        <div className="through-hint" id={`${id}-through-hint`} data-testid="opportunity-through-hint" aria-live="polite">
          <ThroughHint through={form.through} summary={through} name={throughName} />
        </div>
      </div>
      <div className="field-row">
        <div className="field">
          <label className="field-label" htmlFor={`${id}-company`}>
            Company
          </label>
          <input
            id={`${id}-company`}
            className="input"
            value={form.company}
            list={`${id}-companies`}
            autoComplete="off"
            maxLength={200}
            placeholder="Who it was with"
            data-testid="opportunity-company"
            onChange={(e) => set('company', e.target.value)}
          />
          <datalist id={`${id}-companies`}>
            {companies.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-community`}>
            Community
          </label>
          <select
            id={`${id}-community`}
            className="select"
            value={creatingCommunity ? NEW_COMMUNITY : form.community}
            data-testid="opportunity-community"
            onChange={(e) => {
              if (e.target.value === NEW_COMMUNITY) setCreatingCommunity(true);
              else {
                setCreatingCommunity(false);
                set('community', e.target.value as CommunityId | '');
              }
            }}
          >
            <option value="">None</option>
            {communities.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
            <option value={NEW_COMMUNITY}>New community…</option>
          </select>
        </div>
      </div>
      {creatingCommunity ? (
        <NewCommunityForm
          reuseExisting
          autoFocus
          testId="opportunity-community-new"
          onCancel={() => setCreatingCommunity(false)}
          onCreated={(c) => {
            setCreatingCommunity(false);
            set('community', c.id);
          }}
        />
      ) : null}
      <div className="field">
        <label className="field-label" htmlFor={`${id}-notes`}>
          Notes
        </label>
        <textarea
          id={`${id}-notes`}
          className="textarea"
          rows={3}
          value={form.notes}
          placeholder="How it came about, what came of it…"
          data-testid="opportunity-notes"
          onChange={(e) => set('notes', e.target.value)}
        />
      </div>
    </Dialog>
  );
}
