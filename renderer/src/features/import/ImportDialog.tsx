import type React from 'react';
import { useState } from 'react';
import type { ImportListItem, ImportReport } from '../../../../shared/api/contract/import';
import { Dialog } from '../../components/Dialog';
import { AlertIcon, CheckIcon, ImportIcon } from '../../components/icons';
import type { ImportController, ImportState } from './importController';

const PHASE_LABELS: Readonly<Record<string, string>> = {
  upload: 'Reading the file',
  read: 'Opening the export',
  decode: 'Checking the text encoding',
  parse: 'Reading the rows',
  match: 'Matching people with your network',
  save: 'Saving',
};

const ERA_TITLES: Readonly<Record<ImportReport['era'], string>> = {
  current: 'Current export',
  '2022': '2022 export',
  '2018': '2018 export',
};

const n = (x: number) => x.toLocaleString();
const plural = (x: number, one: string, many = `${one}s`) => `${n(x)} ${x === 1 ? one : many}`;

function formatDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

interface Props {
  readonly controller: ImportController;
  readonly state: ImportState;
  readonly onPick: () => void;
  readonly unsorted: number;
}

/** The import's one dialog: progress, preview, result, errors and the list of past imports. */
export function ImportDialog({ controller, state, onPick, unsorted }: Props): React.JSX.Element | null {
  const view = state.view;
  if (view.kind === 'closed') return null;
  const close = () => controller.cancel();
  if (view.kind === 'reading') {
    const pct = view.total > 0 ? Math.min(100, Math.round((view.done / view.total) * 100)) : undefined;
    return (
      <Dialog
        title={`Reading ${view.fileName}`}
        description="Nothing is written to your network until you commit."
        testId="import-dialog"
        onClose={close}
        width={560}
      >
        <div className="import-progress" data-testid="import-progress" role="status" aria-live="polite">
          <div className="import-progress-label">
            <span>{PHASE_LABELS[view.phase] ?? view.phase}…</span>
            {pct !== undefined && view.phase !== 'upload' ? <span className="muted">{pct}%</span> : null}
          </div>
          <div className="import-bar" aria-hidden="true">
            <div
              className={pct === undefined || view.phase === 'upload' ? 'import-bar-fill is-indeterminate' : 'import-bar-fill'}
              style={pct === undefined ? undefined : { width: `${Math.max(4, pct)}%` }}
            />
          </div>
        </div>
      </Dialog>
    );
  }
  if (view.kind === 'preview' || view.kind === 'committing') {
    const report = view.preview.report;
    const isCommitting = view.kind === 'committing';
    const nothing = report.added + report.updated === 0;
    return (
      <Dialog
        title={`Import ${report.file}`}
        description="Check what the import will do. Nothing is written until you commit."
        icon={
          <span className="dialog-icon import-icon">
            <ImportIcon />
          </span>
        }
        testId="import-preview"
        onClose={isCommitting ? undefined : close}
        width={720}
        footer={
          <>
            <button type="button" className="btn btn-ghost" onClick={onPick} disabled={isCommitting}>
              Choose another file
            </button>
            <span className="spacer" />
            <button type="button" className="btn" data-testid="import-cancel" onClick={close} disabled={isCommitting}>
              Cancel
            </button>
            <button
              type="button"
              className="btn btn-primary"
              data-testid="import-commit"
              data-autofocus
              onClick={() => void controller.commit()}
              disabled={isCommitting}
            >
              {isCommitting
                ? 'Importing…'
                : nothing
                  ? 'Record this import'
                  : `Import ${plural(report.added + report.updated, 'person', 'people')}`}
            </button>
          </>
        }
      >
        <PreviewReport report={report} />
      </Dialog>
    );
  }
  if (view.kind === 'done') {
    const r = view.report;
    return (
      <Dialog
        title="Import complete"
        description={`${view.record.file} · ${formatDate(view.record.at)}`}
        icon={
          <span className="dialog-icon import-icon is-done">
            <CheckIcon />
          </span>
        }
        testId="import-done"
        onClose={close}
        width={640}
        footer={
          <>
            <button type="button" className="btn btn-ghost" onClick={() => controller.showHistory()}>
              Past imports
            </button>
            <span className="spacer" />
            <button type="button" className="btn" onClick={close}>
              Close
            </button>
            {unsorted > 0 ? (
              <button
                type="button"
                className="btn btn-primary"
                data-testid="import-start-triage"
                data-autofocus
                onClick={() => controller.openTriage()}
              >
                Sort {plural(unsorted, 'tie')} now
              </button>
            ) : null}
          </>
        }
      >
        <Counts report={r} />
        <p className="import-note">
          Every new tie starts as <strong>Unknown</strong>. Sorting them into Living and Doing takes a key press each; the evidence
          {r.suggestions.living + r.suggestions.doing > 0
            ? ` already suggests an origin for ${plural(r.suggestions.living + r.suggestions.doing, 'tie')}`
            : ' is shown beside each one'}
          . The whole import is one step of Undo, and can be undone later from Past imports.
        </p>
      </Dialog>
    );
  }
  if (view.kind === 'error') {
    return (
      <Dialog
        title={view.fileName ? `${view.fileName} was not imported` : 'The import did not work'}
        icon={
          <span className="dialog-icon danger">
            <AlertIcon />
          </span>
        }
        testId="import-error"
        onClose={close}
        footer={
          <>
            <span className="spacer" />
            <button type="button" className="btn" onClick={close}>
              Close
            </button>
            <button type="button" className="btn btn-primary" data-autofocus onClick={onPick}>
              Choose another file
            </button>
          </>
        }
      >
        <p className="import-error-message" data-testid="import-error-message">
          {view.error.message}
        </p>
        <p className="muted">
          Your network was not changed. Kith reads the ZIP that LinkedIn e-mails you (Settings → Data privacy → Get a copy of your data),
          its unpacked folder, or the Connections.csv inside it.
        </p>
      </Dialog>
    );
  }
  return <HistoryDialog controller={controller} state={state} onPick={onPick} />;
}

function Counts({ report }: { readonly report: ImportReport }): React.JSX.Element {
  const cells = [
    { key: 'added', label: 'New people', value: report.added, hint: 'with an Unknown tie' },
    { key: 'updated', label: 'Updated', value: report.updated, hint: 'job, URL or evidence' },
    { key: 'unchanged', label: 'Unchanged', value: report.unchanged, hint: 'already up to date' },
    {
      key: 'skipped',
      label: 'Skipped',
      value: report.skipped,
      hint: report.hidden ? plural(report.hidden, 'hidden profile') : 'rows not imported',
    },
  ];
  return (
    <div className="import-counts" data-testid="import-counts">
      {cells.map((c) => (
        <div key={c.key} className={`import-count is-${c.key}`} data-testid={`import-count-${c.key}`}>
          <span className="import-count-value">{n(c.value)}</span>
          <span className="import-count-label">{c.label}</span>
          <span className="import-count-hint">{c.hint}</span>
        </div>
      ))}
    </div>
  );
}

/** What an import would do: counts, era, encoding, evidence found, changes, and every skipped row with its line. */
export function PreviewReport({ report }: { readonly report: ImportReport }): React.JSX.Element {
  const [showAllChanges, setShowAllChanges] = useState(false);
  const skipped = [
    ...report.errors.map((e) => ({ line: e.line, kind: 'invalid' as const, reason: e.message })),
    ...report.skippedRows,
  ].sort((a, b) => a.line - b.line);
  const otherWarnings = report.warnings.filter((w) => !(report.hasEncodingWarning && /Windows-1252/.test(w.message)));
  const encodingWarnings = report.warnings.filter((w) => /Windows-1252/.test(w.message));
  const changes = showAllChanges ? report.changes : report.changes.slice(0, 6);
  const suggested = report.suggestions.living + report.suggestions.doing;
  return (
    <div className="import-report" data-testid="import-report">
      {report.hasEncodingWarning ? (
        <div className="import-warning" role="alert" data-testid="import-encoding-warning">
          <AlertIcon />
          <div>
            <strong>Not UTF-8: read as Windows-1252.</strong> {encodingWarnings[0]?.message ?? ''}
          </div>
        </div>
      ) : null}
      <div className="import-meta">
        <span className="import-era" data-testid="import-era" title={report.eraLabel}>
          {ERA_TITLES[report.era]}
          {report.isResaved ? ' · re-saved by a spreadsheet' : ''}
        </span>
        <span className="muted">{report.eraLabel}</span>
      </div>
      <Counts report={report} />
      <div className="import-grid">
        <section className="import-section" aria-labelledby="import-files-title">
          <h3 id="import-files-title">Files read</h3>
          <ul className="import-files">
            {report.files.map((f) => (
              <li key={f.name}>
                <span className="import-file-name">{f.name}</span>
                <span className="muted">
                  {f.kind === 'profile' ? 'your profile' : plural(f.rows, 'row')} · {f.encoding.toUpperCase()}
                </span>
              </li>
            ))}
          </ul>
          {report.owner ? (
            <p className="import-owner" data-testid="import-owner">
              You are <strong>{report.owner.name ?? report.owner.url}</strong> <span className="muted">(from {report.owner.source})</span>
            </p>
          ) : null}
        </section>
        <section className="import-section" aria-labelledby="import-evidence-title" data-testid="import-evidence">
          <h3 id="import-evidence-title">Living or Doing: evidence</h3>
          <dl className="import-facts">
            <dt>Invitations</dt>
            <dd>
              {report.invitations.rows
                ? `${n(report.invitations.matched)} of ${n(report.invitations.rows)} matched to connections`
                : 'none in this export'}
            </dd>
            <dt>Messages</dt>
            <dd>
              {report.messages.rows
                ? `direct messages with ${plural(report.messages.people, 'person', 'people')} (${plural(report.messages.conversations, 'conversation')})`
                : 'none in this export'}
            </dd>
            <dt>Suggested</dt>
            <dd>
              {suggested > 0 ? (
                <>
                  <span className="chip chip-living">{n(report.suggestions.living)} Living</span>{' '}
                  <span className="chip chip-doing">{n(report.suggestions.doing)} Doing</span>{' '}
                </>
              ) : null}
              <span className="chip chip-unknown">{n(report.suggestions.unknown)} unclear</span>
            </dd>
          </dl>
          <p className="muted import-small">Suggestions are shown when you sort; they never set an origin by themselves.</p>
        </section>
      </div>
      {report.changes.length > 0 ? (
        <section className="import-section" aria-labelledby="import-changes-title" data-testid="import-changes">
          <h3 id="import-changes-title">Updates ({n(report.updated)})</h3>
          <ul className="import-changes">
            {changes.map((c, i) => (
              <li key={i}>
                <strong>{c.name}</strong> <span className="muted">{c.what}</span>
              </li>
            ))}
          </ul>
          {report.changes.length > 6 ? (
            <button type="button" className="link-button" onClick={() => setShowAllChanges(!showAllChanges)}>
              {showAllChanges ? 'Show fewer' : `Show all ${n(report.changes.length)}`}
            </button>
          ) : null}
        </section>
      ) : null}
      {skipped.length > 0 ? (
        <section className="import-section" aria-labelledby="import-skipped-title" data-testid="import-skipped">
          <h3 id="import-skipped-title">
            Skipped rows ({n(report.skipped)})
            {report.errorCount > 0 ? <span className="import-error-count"> · {plural(report.errorCount, 'error')}</span> : null}
          </h3>
          <div className="import-table-wrap">
            <table className="import-table">
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {skipped.slice(0, 300).map((s) => (
                  <tr key={`${s.line}-${s.kind}`} className={s.kind === 'invalid' ? 'is-error' : undefined}>
                    <td className="import-line">{s.line}</td>
                    <td>
                      {s.kind === 'invalid' ? (
                        <span className="import-tag is-error">error</span>
                      ) : (
                        <span className="import-tag">{s.kind}</span>
                      )}{' '}
                      {s.reason}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {report.skipped > skipped.length || skipped.length > 300 ? (
            <p className="muted import-small">Showing the first rows; the CLI's --json lists every error.</p>
          ) : null}
        </section>
      ) : null}
      {otherWarnings.length > 0 ? (
        <section className="import-section" aria-labelledby="import-warnings-title">
          <h3 id="import-warnings-title">Notes</h3>
          <ul className="import-warnings">
            {otherWarnings.slice(0, 20).map((w, i) => (
              <li key={i}>
                <span className="import-line">
                  {w.file}
                  {w.line ? `:${w.line}` : ''}
                </span>{' '}
                {w.message}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

function HistoryDialog({
  controller,
  state,
  onPick,
}: {
  readonly controller: ImportController;
  readonly state: ImportState;
  readonly onPick: () => void;
}): React.JSX.Element {
  const imports = state.imports;
  return (
    <Dialog
      title="Past imports"
      description="Undo removes what an import added and restores what it changed, but keeps what you have worked on since."
      testId="import-history"
      onClose={() => controller.cancel()}
      width={640}
      footer={
        <>
          <span className="spacer" />
          <button type="button" className="btn" onClick={() => controller.cancel()}>
            Close
          </button>
          <button type="button" className="btn btn-primary" onClick={onPick}>
            <ImportIcon />
            Import a file
          </button>
        </>
      }
    >
      {imports === null ? <p className="muted">Loading…</p> : imports.length === 0 ? <p className="muted">No imports yet.</p> : null}
      {imports && imports.length > 0 ? (
        <ul className="import-history">
          {imports.map((r) => (
            <HistoryRow
              key={r.id}
              record={r}
              busy={state.undoing === r.id}
              disabled={state.undoing !== null}
              onUndo={() => void controller.undo(r.id)}
            />
          ))}
        </ul>
      ) : null}
    </Dialog>
  );
}

function HistoryRow({
  record,
  busy,
  disabled,
  onUndo,
}: {
  readonly record: ImportListItem;
  readonly busy: boolean;
  readonly disabled: boolean;
  readonly onUndo: () => void;
}): React.JSX.Element {
  return (
    <li className={record.canUndo ? 'import-history-row' : 'import-history-row is-undone'} data-testid="import-history-row">
      <div className="import-history-main">
        <strong>{record.file}</strong>
        <span className="muted">
          {formatDate(record.at)} · {record.era.replace(/^(current|2022|2018)/, (era) => ERA_TITLES[era as ImportReport['era']])} ·{' '}
          {n(record.added)} added, {n(record.updated)} updated, {n(record.unchanged)} unchanged, {n(record.skipped)} skipped
        </span>
      </div>
      {record.canUndo ? (
        <button type="button" className="btn" data-testid="import-undo" disabled={disabled} onClick={onUndo}>
          {busy ? 'Undoing…' : 'Undo import'}
        </button>
      ) : (
        <span className="import-tag">undone</span>
      )}
    </li>
  );
}
