import type React from 'react';
import { useEffect, useRef, useState } from 'react';
import type { IntroDraft, IntroSuggestion } from '../../../../shared/api/contract/insights';
import type { PersonId } from '../../../../shared/domain/model';
import { fitPeople } from '../../graph/intents';
import { useAppState, useStore } from '../../store/useAppState';
import { QueryError, ViewHeader } from './ViewParts';
import { useBackendQuery } from './useBackendQuery';

const SNOOZE_DAYS = 30;

/** Local calendar date `days` from now, `YYYY-MM-DD` (the renderer may read the clock; shared code may not). */
function dateFromNow(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

interface Made {
  readonly a: string;
  readonly b: string;
  readonly tie: string;
  readonly draft: IntroDraft;
}

/** Whom to introduce to whom: ranked pairs with reasons; making one records a Living tie and offers a double opt-in draft. */
export function IntroductionsView(): React.JSX.Element {
  const store = useStore();
  const meId = useAppState((s) => s.network?.file.meId);
  const { data, error, loading } = useBackendQuery('intros:suggest', { limit: 20 });
  const [made, setMade] = useState<Made | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [focus, setFocus] = useState<IntroSuggestion | null>(null);

  useEffect(() => {
    if (!meId) return;
    if (made) {
      store.setHighlight({
        nodes: new Map([
          [made.a, 'path'],
          [made.b, 'path'],
          [meId, 'keep'],
        ]),
        edges: new Map([[made.tie, 'path']]),
        rest: 'dimmed',
      });
    } else if (focus) {
      store.setHighlight({
        nodes: new Map([
          [focus.a, 'path'],
          [focus.b, 'path'],
          [meId, 'keep'],
        ]),
        edges: new Map(),
        rest: 'dimmed',
      });
    } else store.setHighlight(null);
  }, [store, made, focus, meId]);
  useEffect(() => () => store.setHighlight(null), [store]);

  const key = (s: IntroSuggestion) => `${s.a}|${s.b}`;
  const make = async (s: IntroSuggestion) => {
    setBusy(key(s));
    const result = await store.edit('intros:make', { a: s.a, b: s.b }, { what: `Could not introduce ${s.aName} and ${s.bName}` });
    setBusy(null);
    if (!result.ok) return;
    setFocus(null);
    setMade({ a: s.a, b: s.b, tie: result.value.tie.id, draft: result.value.draft });
    fitPeople(store, [s.a, s.b] as PersonId[]);
    store.toast({ kind: 'success', message: `Introduced ${s.aName} and ${s.bName}: a Living tie is recorded.` });
  };
  const decide = async (s: IntroSuggestion, how: 'dismiss' | 'snooze') => {
    setBusy(key(s));
    const result =
      how === 'dismiss'
        ? await store.edit('intros:dismiss', { a: s.a, b: s.b }, { what: 'Could not dismiss the suggestion' })
        : await store.edit(
            'intros:snooze',
            { a: s.a, b: s.b, until: dateFromNow(SNOOZE_DAYS) },
            { what: 'Could not snooze the suggestion' },
          );
    setBusy(null);
    if (!result.ok) return;
    if (focus && key(focus) === key(s)) setFocus(null);
    store.toast({
      kind: 'info',
      message: `${how === 'dismiss' ? `${s.aName} and ${s.bName} will not be suggested again.` : `${s.aName} and ${s.bName} are snoozed for ${SNOOZE_DAYS} days.`} Undo puts them back.`,
    });
  };

  const suggestions = data?.suggestions ?? [];
  return (
    <>
      <ViewHeader kicker="Living networking" title="Introductions">
        Connecting others to opportunities is Living networking too. These people know you but not each other.
      </ViewHeader>
      <div className="panel-body">
        {made ? <DraftCard made={made} onClose={() => setMade(null)} /> : null}
        {error ? <QueryError message={error.message} /> : null}
        {data && suggestions.length === 0 ? (
          <p className="prose insights-hint">
            No introductions to suggest. Add interests, needs and offers to the people you know, and Kith will find who should meet.
          </p>
        ) : null}
        {!data && loading ? <p className="prose insights-hint">Looking for introductions…</p> : null}
        <ol className="intro-list" data-testid="intro-list">
          {suggestions.map((s) => (
            <li
              key={key(s)}
              className={`intro-card${focus && key(focus) === key(s) ? ' is-chosen' : ''}`}
              data-testid="intro-card"
              data-pair={`${s.aName} + ${s.bName}`}
            >
              <button
                type="button"
                className="intro-head"
                onClick={() => setFocus(focus && key(focus) === key(s) ? null : s)}
                aria-pressed={focus !== null && key(focus) === key(s)}
                title="Show both on the graph"
              >
                <span className="intro-names">
                  {s.aName} <span aria-hidden="true">↔</span>
                  <span className="visually-hidden"> and </span> {s.bName}
                </span>
                <span className="intro-score" title="Score: higher is a better match">
                  {s.score.toFixed(1)}
                </span>
              </button>
              <ul className="intro-reasons">
                {s.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
              <div className="intro-actions">
                <button
                  type="button"
                  className="btn btn-primary"
                  disabled={busy !== null}
                  onClick={() => void make(s)}
                  data-testid="intro-make"
                >
                  Make introduction
                </button>
                <button
                  type="button"
                  className="btn btn-ghost"
                  disabled={busy !== null}
                  onClick={() => void decide(s, 'snooze')}
                  data-testid="intro-snooze"
                  title={`Hide for ${SNOOZE_DAYS} days`}
                >
                  Snooze 30 days
                </button>
                <button
                  type="button"
                  className="btn btn-ghost"
                  disabled={busy !== null}
                  onClick={() => void decide(s, 'dismiss')}
                  data-testid="intro-dismiss"
                  title="Never suggest this pair again"
                >
                  Dismiss
                </button>
              </div>
            </li>
          ))}
        </ol>
      </div>
    </>
  );
}

function DraftCard({ made, onClose }: { readonly made: Made; readonly onClose: () => void }): React.JSX.Element {
  const [copied, setCopied] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(made.draft.text);
      setCopied(true);
    } catch {
      // Clipboard permission refused (e.g. an http page): select the text so that Ctrl+C works.
      area.current?.select();
      setCopied(false);
    }
  };
  return (
    <section className="draft-card" data-testid="intro-draft" aria-labelledby="draft-title">
      <h3 className="section-title" id="draft-title">
        Double opt-in draft
        <button type="button" className="btn btn-ghost btn-small" onClick={onClose} aria-label="Close the draft">
          Close
        </button>
      </h3>
      <p className="prose">
        Ask each of them first; introduce them once both say yes. The tie is already recorded as Living, “connecting others”, introduced by
        you.
      </p>
      <textarea
        ref={area}
        className="textarea draft-text"
        readOnly
        value={made.draft.text}
        rows={12}
        aria-label="Introduction messages"
        data-testid="intro-draft-text"
      />
      <div className="intro-actions">
        <button type="button" className="btn btn-primary" onClick={() => void copy()} data-testid="intro-copy">
          {copied ? 'Copied' : 'Copy both messages'}
        </button>
      </div>
    </section>
  );
}
