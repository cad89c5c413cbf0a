import type React from 'react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TieId } from '../../../../shared/domain/model';
import { ACTIVITY_LABELS, DOING_ACTIVITIES, LIVING_ACTIVITIES, type Activity, type Origin } from '../../../../shared/domain/vocabulary';
import { Dialog } from '../../components/Dialog';
import { OriginChip } from '../../components/fields';
import { useAppState, useStore } from '../../store/useAppState';
import { commandForKey, suggestionFor, triageQueue, type TriageCommand, type TriageItem, type TriageMode } from './triage';

interface Decision {
  readonly index: number;
  readonly tieId: TieId;
  readonly name: string;
  /** What the tie held before (to undo). */
  readonly before: { readonly origin: Origin; readonly activity?: Activity };
  /** Absent for a skip. */
  readonly after?: { readonly origin: 'living' | 'doing'; readonly activity?: Activity };
}

function formatDay(iso: string | undefined): string | null {
  if (!iso) return null;
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
}

const label = (origin: Origin, activity?: Activity) =>
  `${origin === 'living' ? 'Living' : origin === 'doing' ? 'Doing' : 'Unknown'}${activity ? ` · ${ACTIVITY_LABELS[activity]}` : ''}`;

function Key({ children }: { readonly children: React.ReactNode }): React.JSX.Element {
  return <kbd className="triage-kbd">{children}</kbd>;
}

/**
 * Sorting `unknown` ties into Living and Doing, one key press at a time (see
 * `commandForKey`). Decisions are applied at once through `tie:update` in the
 * order they were made; Undo puts the previous origin back. The queue is
 * taken when the view opens, so it does not reshuffle while you sort; a tie
 * classified elsewhere meanwhile is passed over.
 */
export function TriageView({ onClose }: { readonly onClose: () => void }): React.JSX.Element {
  const store = useStore();
  const file = useAppState((s) => s.network?.file);
  const liveTies = useAppState((s) => s.index?.ties);
  const [queue] = useState<TriageItem[]>(() => (file ? triageQueue(file) : []));
  const [index, setIndex] = useState(0);
  const [mode, setMode] = useState<TriageMode>('choose');
  const [decisions, setDecisions] = useState<Decision[]>([]);
  const [flash, setFlash] = useState<Origin | null>(null);
  const chain = useRef<Promise<unknown>>(Promise.resolve());

  // What this view last sent for a tie: the live copy lags behind until the network is refetched.
  const [sent, setSent] = useState<ReadonlyMap<string, Decision['before']>>(() => new Map());
  // A tie classified elsewhere (the details panel) since the queue was taken is passed over.
  const position = useMemo(() => {
    let i = index;
    while (i < queue.length) {
      const queued = queue[i] as TriageItem;
      const live = liveTies?.get(queued.tieId);
      if (!live || live.origin === 'unknown' || sent.has(queued.tieId)) break;
      i += 1;
    }
    return i;
  }, [sent, index, liveTies, queue]);
  const item = queue[position];
  const liveTie = item ? (liveTies?.get(item.tieId) ?? item.tie) : undefined;

  const send = useCallback(
    (tieId: TieId, origin: Origin, activity: Activity | undefined) => {
      setSent((m) => new Map(m).set(tieId, { origin, ...(activity ? { activity } : {}) }));
      const run = chain.current.then(async () => {
        const result = await store.client.call('tie:update', { id: tieId, patch: { origin, activity: activity ?? null } });
        if (!result.ok) store.toastError('Could not save that choice', result.error);
      });
      chain.current = run;
    },
    [store],
  );

  const decide = useCallback(
    (origin: 'living' | 'doing', activity?: Activity) => {
      if (!item || !liveTie) return;
      const before = sent.get(item.tieId) ?? { origin: liveTie.origin, ...(liveTie.activity ? { activity: liveTie.activity } : {}) };
      setDecisions((d) => [
        ...d,
        {
          index: position,
          tieId: item.tieId,
          name: item.person.name,
          before,
          after: { origin, ...(activity ? { activity } : {}) },
        },
      ]);
      send(item.tieId, origin, activity);
      setFlash(origin);
      setMode('choose');
      setIndex(position + 1);
    },
    [position, item, liveTie, send, sent],
  );

  const run = useCallback(
    (command: TriageCommand) => {
      switch (command.kind) {
        case 'mode':
          setMode(command.mode);
          return;
        case 'close':
          onClose();
          return;
        case 'decide':
          decide(command.origin, command.activity);
          return;
        case 'accept': {
          const s = item ? suggestionFor(liveTie ?? item.tie, item.person) : undefined;
          if (s && s.origin !== 'unknown') decide(s.origin, s.activity);
          return;
        }
        case 'skip':
          if (!item) return;
          setDecisions((d) => [...d, { index: position, tieId: item.tieId, name: item.person.name, before: { origin: 'unknown' } }]);
          setMode('choose');
          setIndex(position + 1);
          return;
        case 'undo': {
          const last = decisions.at(-1);
          if (!last) return;
          setDecisions((d) => d.slice(0, -1));
          if (last.after) send(last.tieId, last.before.origin, last.before.activity);
          setMode('choose');
          setIndex(last.index);
          return;
        }
      }
    },
    [decide, decisions, position, item, liveTie, onClose, send],
  );

  useEffect(() => {
    if (!flash) return undefined;
    const t = setTimeout(() => setFlash(null), 450);
    return () => clearTimeout(t);
  }, [flash, position]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.nativeEvent.isComposing) return;
    const command = commandForKey(e.key, mode);
    if (!command) return;
    e.preventDefault();
    e.stopPropagation();
    run(command);
  };

  const sorted = decisions.filter((d) => d.after);
  const tally = {
    living: sorted.filter((d) => d.after?.origin === 'living').length,
    doing: sorted.filter((d) => d.after?.origin === 'doing').length,
    skipped: decisions.length - sorted.length,
  };
  const isDone = position >= queue.length;
  const suggestion = item ? suggestionFor(liveTie ?? item.tie, item.person) : undefined;
  const evidence = liveTie?.evidence;
  const pct = queue.length > 0 ? Math.round((Math.min(position, queue.length) / queue.length) * 100) : 100;

  return (
    <Dialog
      title="Sort your ties: Living or Doing?"
      description={
        isDone ? undefined : 'One key per tie. The evidence and a suggestion are beside each person; your choice is saved at once.'
      }
      testId="triage"
      onClose={onClose}
      width={820}
      footer={
        <>
          <span className="triage-tally" data-testid="triage-tally">
            <span className="chip chip-living">{tally.living} Living</span> <span className="chip chip-doing">{tally.doing} Doing</span>{' '}
            <span className="chip chip-unknown">{tally.skipped} skipped</span>
          </span>
          <span className="spacer" />
          <button
            type="button"
            className="btn"
            onClick={() => run({ kind: 'undo' })}
            disabled={decisions.length === 0}
            title="Undo the last choice (U or Backspace)"
          >
            Undo
          </button>
          <button type="button" className="btn btn-primary" onClick={onClose} data-testid="triage-close">
            Done
          </button>
        </>
      }
    >
      <div className="triage" tabIndex={-1} data-autofocus onKeyDown={onKeyDown} data-testid="triage-body" data-mode={mode}>
        <div className="triage-progress" aria-label={`${Math.min(position, queue.length)} of ${queue.length} ties`}>
          <div className="triage-progress-bar">
            <div className="triage-progress-fill" style={{ width: `${pct}%` }} />
          </div>
          <span className="muted" data-testid="triage-count">
            {Math.min(position + (isDone ? 0 : 1), queue.length)} of {queue.length}
          </span>
        </div>
        {isDone ? (
          <div className="triage-done" data-testid="triage-done">
            <h3>{queue.length === 0 ? 'Nothing to sort' : 'All sorted'}</h3>
            <p className="muted">
              {queue.length === 0
                ? 'Every tie to you already has an origin.'
                : `You classified ${sorted.length} of ${queue.length} ties${tally.skipped ? ` and skipped ${tally.skipped}` : ''}. Skipped ties stay Unknown for next time.`}
            </p>
          </div>
        ) : item ? (
          <div className={`triage-card${flash ? ` flash-${flash}` : ''}`} data-testid="triage-card" aria-live="polite">
            <div className="triage-person">
              <div className="triage-avatar" aria-hidden="true">
                {item.person.name.slice(0, 1).toUpperCase()}
              </div>
              <div>
                <h3 className="triage-name" data-testid="triage-name">
                  {item.person.name}
                </h3>
                <p className="muted">
                  {[item.person.position, item.person.company].filter(Boolean).join(' at ') || 'No position listed'}
                  {liveTie?.since ? ` · connected ${formatDay(liveTie.since)}` : ''}
                </p>
                {item.person.history?.length ? (
                  <p className="muted triage-small">
                    Used to work at{' '}
                    {item.person.history
                      .map((h) => h.company ?? h.position)
                      .filter(Boolean)
                      .join(', ')}
                  </p>
                ) : null}
              </div>
            </div>
            <div className="triage-columns">
              <section className="triage-evidence" aria-label="Evidence" data-testid="triage-evidence">
                <h4>Evidence</h4>
                {evidence?.invitation || evidence?.messages ? (
                  <ul>
                    {evidence.invitation ? (
                      <li>
                        {evidence.invitation.direction === 'outgoing' ? 'You invited them' : 'They invited you'}
                        {evidence.invitation.hasMessage ? ', with a personal note' : ', without a note'}
                        {evidence.invitation.sentAt ? ` (${formatDay(evidence.invitation.sentAt)})` : ''}
                      </li>
                    ) : null}
                    {evidence.messages ? (
                      <li>
                        {evidence.messages.sent} message{evidence.messages.sent === 1 ? '' : 's'} from you, {evidence.messages.received}{' '}
                        from them
                        {evidence.messages.firstFrom ? `; ${evidence.messages.firstFrom === 'me' ? 'you' : 'they'} wrote first` : ''}
                        {evidence.messages.last ? `; last ${formatDay(evidence.messages.last)}` : ''}
                      </li>
                    ) : null}
                  </ul>
                ) : (
                  <p className="muted">No invitation or messages in the export: only you know how this one started.</p>
                )}
              </section>
              <section
                className={`triage-suggestion${suggestion && suggestion.origin !== 'unknown' ? ` is-${suggestion.origin}` : ''}`}
                aria-label="Suggestion"
                data-testid="triage-suggestion"
              >
                <h4>Suggestion</h4>
                {suggestion && suggestion.origin !== 'unknown' ? (
                  <>
                    <p>
                      <OriginChip origin={suggestion.origin} />{' '}
                      {suggestion.activity ? <strong>{ACTIVITY_LABELS[suggestion.activity]}</strong> : null}{' '}
                      <span className="muted">{Math.round(suggestion.confidence * 100)}% sure</span>
                    </p>
                    <ul>
                      {suggestion.reasons.map((r, i) => (
                        <li key={i}>{r}</li>
                      ))}
                    </ul>
                  </>
                ) : (
                  <p className="muted">
                    {suggestion?.reasons.length
                      ? `Unclear: ${suggestion.reasons.join('; ')}.`
                      : 'None: nothing in the export points either way.'}
                  </p>
                )}
              </section>
            </div>
            <Choices
              mode={mode}
              suggestion={suggestion && suggestion.origin !== 'unknown' ? label(suggestion.origin, suggestion.activity) : undefined}
              run={run}
            />
          </div>
        ) : null}
        {decisions.length > 0 ? (
          <p className="triage-last muted" data-testid="triage-last">
            Last: {decisions.at(-1)?.name} →{' '}
            {decisions.at(-1)?.after ? label(decisions.at(-1)?.after?.origin ?? 'unknown', decisions.at(-1)?.after?.activity) : 'skipped'} ·{' '}
            <Key>U</Key> undoes
          </p>
        ) : null}
      </div>
    </Dialog>
  );
}

function Choices({
  mode,
  suggestion,
  run,
}: {
  readonly mode: TriageMode;
  readonly suggestion?: string | undefined;
  readonly run: (c: TriageCommand) => void;
}): React.JSX.Element {
  if (mode !== 'choose') {
    const list = mode === 'living' ? LIVING_ACTIVITIES : DOING_ACTIVITIES;
    return (
      <div className={`triage-choices is-${mode}`} data-testid="triage-activities">
        <p className="triage-prompt">
          {mode === 'living' ? 'Living: which activity formed this tie?' : 'Doing: which technique?'}{' '}
          <span className="muted">(Esc goes back)</span>
        </p>
        <div className="triage-buttons">
          {list.map((activity, i) => (
            <button key={activity} type="button" className="btn triage-btn" onClick={() => run({ kind: 'decide', origin: mode, activity })}>
              <Key>{i + 1}</Key> {ACTIVITY_LABELS[activity]}
            </button>
          ))}
          <button type="button" className="btn triage-btn" onClick={() => run({ kind: 'decide', origin: mode })}>
            <Key>{mode === 'living' ? 'L' : 'D'}</Key> {mode === 'living' ? 'Living' : 'Doing'}, activity unknown
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="triage-choices" data-testid="triage-choices">
      <div className="triage-buttons">
        <button
          type="button"
          className="btn triage-btn is-accept"
          disabled={!suggestion}
          onClick={() => run({ kind: 'accept' })}
          title="Accept the suggestion"
        >
          <Key>Enter</Key> {suggestion ? `Accept: ${suggestion}` : 'No suggestion'}
        </button>
        <button type="button" className="btn triage-btn is-living" onClick={() => run({ kind: 'mode', mode: 'living' })}>
          <Key>L</Key> Living…
        </button>
        <button type="button" className="btn triage-btn is-doing" onClick={() => run({ kind: 'mode', mode: 'doing' })}>
          <Key>D</Key> Doing…
        </button>
        <button type="button" className="btn triage-btn" onClick={() => run({ kind: 'skip' })}>
          <Key>S</Key> Skip
        </button>
      </div>
    </div>
  );
}
