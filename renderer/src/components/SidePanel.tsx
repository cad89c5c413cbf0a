import type React from 'react';
import { useState } from 'react';
import { ORIGINS, type Origin } from '../../../shared/domain/vocabulary';
import { ORIGIN_COLORS, ORIGIN_LABELS } from '../graph/palette';
import { baseName } from '../store/lists';
import { useAppState } from '../store/useAppState';
import { CommunitiesManager, CommunitiesSummary } from './CommunitiesManager';
import { OriginLine } from './fields';
import { PersonPanel } from './PersonPanel';
import { keysOf } from '../keyboard/platform';
import { TiePanel } from './TiePanel';

/** The right-hand panel: the selected person or tie, else an overview of the network. */
export function SidePanel(): React.JSX.Element {
  const selection = useAppState((s) => s.selection);
  const person = useAppState((s) => (s.selection?.kind === 'person' ? s.index?.people.get(s.selection.id) : undefined));
  const tie = useAppState((s) => (s.selection?.kind === 'tie' ? s.index?.ties.get(s.selection.id) : undefined));
  return (
    <aside className="panel" aria-label="Details" data-testid="side-panel" data-kind={person ? 'person' : tie ? 'tie' : 'overview'}>
      {person ? (
        <PersonPanel key={person.id} person={person} />
      ) : tie ? (
        <TiePanel key={tie.id} tie={tie} />
      ) : (
        <OverviewOrCommunities hadSelection={selection !== null} />
      )}
    </aside>
  );
}

/** The overview, or the communities manager opened from it; selecting something and coming back shows the overview again. */
function OverviewOrCommunities({ hadSelection }: { readonly hadSelection: boolean }): React.JSX.Element {
  const [managing, setManaging] = useState(false);
  return managing ? (
    <CommunitiesManager onBack={() => setManaging(false)} />
  ) : (
    <Overview hadSelection={hadSelection} onManageCommunities={() => setManaging(true)} />
  );
}

function percent(n: number, total: number): string {
  return total === 0 ? '0%' : `${Math.round((n / total) * 100)}%`;
}

function styleSentence(counts: Readonly<Record<Origin, number>>): string {
  const known = counts.living + counts.doing;
  if (known === 0) return 'Classify your ties as Living or Doing to see your networking style.';
  if (counts.living >= counts.doing * 2) return 'Most of your ties are Living: relationship-first networking is your strength.';
  if (counts.doing >= counts.living * 2)
    return 'Most of your ties are Doing: you are good at targeted networking. Living ties open the door to chance.';
  return 'You balance both modes: Living ties for the long run, Doing ties for what you need now.';
}

function Overview({
  hadSelection,
  onManageCommunities,
}: {
  readonly hadSelection: boolean;
  readonly onManageCommunities: () => void;
}): React.JSX.Element {
  const file = useAppState((s) => s.network?.file);
  const status = useAppState((s) => s.fileStatus);
  const index = useAppState((s) => s.index);
  const meId = file?.meId;
  const mine = meId ? (index?.tiesOf.get(meId) ?? []) : [];
  const counts: Record<Origin, number> = { living: 0, doing: 0, unknown: 0 };
  for (const t of mine) counts[t.origin] += 1;
  const people = Math.max(0, (file?.people.length ?? 1) - 1);
  return (
    <>
      <div className="panel-header">
        <div className="panel-header-text">
          <div className="panel-kicker">Overview</div>
          <h2 className="panel-title">
            {index?.me ? `${index.me.name === 'Me' ? 'Your' : `${index.me.name}’s`} network` : 'Your network'}
          </h2>
          {status ? <div className="panel-subtitle">{baseName(status.path)}</div> : null}
        </div>
      </div>
      <div className="panel-body">
        <section className="panel-section">
          <div className="stat-grid">
            <div className="stat">
              <div className="stat-value" data-testid="stat-people">
                {people}
              </div>
              <div className="stat-label">{people === 1 ? 'person' : 'people'}</div>
            </div>
            <div className="stat">
              <div className="stat-value" data-testid="stat-ties">
                {file?.ties.length ?? 0}
              </div>
              <div className="stat-label">{file?.ties.length === 1 ? 'tie' : 'ties'}</div>
            </div>
          </div>
        </section>
        <section className="panel-section" aria-labelledby="style-title">
          <h3 className="section-title" id="style-title">
            Your ties by origin
          </h3>
          <div className="balance-bar" role="img" aria-label={ORIGINS.map((o) => `${ORIGIN_LABELS[o]} ${counts[o]}`).join(', ')}>
            {ORIGINS.map((o) => (
              <span key={o} style={{ width: percent(counts[o], mine.length), background: ORIGIN_COLORS[o] }} />
            ))}
          </div>
          <div className="balance-legend">
            {ORIGINS.map((o) => (
              <div className="balance-row" key={o}>
                <OriginLine origin={o} width={22} />
                <span>{ORIGIN_LABELS[o]}</span>
                <span className="value">
                  {counts[o]} · {percent(counts[o], mine.length)}
                </span>
              </div>
            ))}
          </div>
          <p className="prose">{styleSentence(counts)}</p>
        </section>
        {file ? <CommunitiesSummary file={file} onManage={onManageCommunities} /> : null}
        <section className="panel-section" aria-labelledby="help-title">
          <h3 className="section-title" id="help-title">
            Getting around
          </h3>
          <p className="prose">
            {hadSelection ? 'That item is no longer in the network.' : 'Select a person or a tie on the graph to see and edit it.'}
          </p>
          <dl className="kbd-list">
            <dt>
              <kbd>{keysOf('undo')}</kbd>
            </dt>
            <dd>Undo</dd>
            <dt>
              <kbd>{keysOf('redo')}</kbd>
            </dt>
            <dd>Redo</dd>
            <dt>
              <kbd>Delete</kbd>
            </dt>
            <dd>Delete the selected person or tie</dd>
            <dt>
              <kbd>Esc</kbd>
            </dt>
            <dd>Clear the selection, close a dialog</dd>
          </dl>
        </section>
      </div>
    </>
  );
}
