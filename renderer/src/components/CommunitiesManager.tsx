import type React from 'react';
import { useMemo, useState } from 'react';
import type { Community, KithFile } from '../../../shared/domain/model';
import { COMMUNITY_KIND_LABELS, COMMUNITY_KINDS, type CommunityKind } from '../../../shared/domain/vocabulary';
import { draftKey } from '../store/draftText';
import { useAppState, useStore } from '../store/useAppState';
import { isTypingTarget } from '../keyboard/useActionKeys';
import { communityUse, describeUse, matchCommunities, type CommunityUse } from '../store/communities';
import { BackIcon, SearchIcon, TrashIcon } from './icons';
import { CommunityKindIcon, NewCommunityForm } from './NewCommunityForm';
import './communities.css';

/** With more communities than this, a filter field helps find one. */
const FILTER_FROM = 8;

/** The Overview's communities section: the biggest few, and the way into the manager. */
export function CommunitiesSummary({ file, onManage }: { readonly file: KithFile; readonly onManage: () => void }): React.JSX.Element {
  const use = useMemo(() => communityUse(file), [file]);
  const top = [...file.communities]
    .sort((a, b) => (use.get(b.id)?.members ?? 0) - (use.get(a.id)?.members ?? 0) || a.name.localeCompare(b.name))
    .slice(0, 6);
  const more = file.communities.length - top.length;
  return (
    <section className="panel-section" aria-labelledby="communities-title" data-testid="overview-communities">
      <h3 className="section-title" id="communities-title">
        <span>
          Communities <span className="muted">({file.communities.length})</span>
        </span>
        <button type="button" className="btn btn-ghost section-action" data-testid="communities-manage" onClick={onManage}>
          Manage
        </button>
      </h3>
      {top.length > 0 ? (
        <ul className="community-chips">
          {top.map((c) => (
            <li key={c.id} className="community-chip is-static" title={`${COMMUNITY_KIND_LABELS[c.kind]} · ${describeUse(use.get(c.id))}`}>
              <CommunityKindIcon kind={c.kind} />
              <span className="community-chip-name">{c.name}</span>
              <span className="community-chip-count">{use.get(c.id)?.members ?? 0}</span>
            </li>
          ))}
          {more > 0 ? <li className="community-chip is-static is-more">+{more} more</li> : null}
        </ul>
      ) : (
        <p className="prose">
          Record the guilds, clubs and organisations the people you know belong to: engaging in a professional community is Living
          networking.
        </p>
      )}
    </section>
  );
}

/** Rename, re-kind and delete communities and organisations, and add new ones; deletes can be undone from the toast. */
export function CommunitiesManager({ onBack }: { readonly onBack: () => void }): React.JSX.Element {
  const file = useAppState((s) => s.network?.file);
  const [filter, setFilter] = useState('');
  const use = useMemo(() => (file ? communityUse(file) : new Map<string, CommunityUse>()), [file]);
  const communities = file?.communities ?? [];
  const shown = matchCommunities(communities, filter);
  const counts = { community: 0, organisation: 0 };
  for (const c of communities) counts[c.kind] += 1;

  return (
    <>
      <div className="panel-header">
        <button type="button" className="btn btn-ghost btn-icon" aria-label="Back to the overview" title="Back (Esc)" onClick={onBack}>
          <BackIcon />
        </button>
        <div className="panel-header-text">
          <div className="panel-kicker">Overview</div>
          <h2 className="panel-title" data-testid="panel-title">
            Communities &amp; organisations
          </h2>
          <div className="panel-subtitle">
            {communities.length === 0
              ? 'None recorded yet'
              : `${counts.community} ${counts.community === 1 ? 'community' : 'communities'} · ${counts.organisation} ${counts.organisation === 1 ? 'organisation' : 'organisations'}`}
          </div>
        </div>
      </div>
      <div
        className="panel-body"
        data-testid="communities-manager"
        onKeyDown={(e) => {
          if (e.key === 'Escape' && !e.defaultPrevented && !isTypingTarget(e.target)) onBack();
        }}
      >
        {communities.length > FILTER_FROM ? (
          <div className="combo-input-wrap">
            <SearchIcon />
            <input
              className="input"
              type="search"
              aria-label="Filter communities"
              placeholder="Filter…"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
            />
          </div>
        ) : null}
        <section className="panel-section" aria-label="Communities and organisations">
          {communities.length === 0 ? (
            <p className="prose">
              Nothing recorded yet. Add the communities (a guild, a meetup, a club) and organisations (employers, schools) where the people
              you know meet; then add people to them from their panel.
            </p>
          ) : shown.length === 0 ? (
            <p className="prose muted">Nothing matches “{filter}”.</p>
          ) : (
            <ul className="community-rows">
              {shown.map((c) => (
                <CommunityRow key={c.id} community={c} use={use.get(c.id)} />
              ))}
            </ul>
          )}
        </section>
        <section className="panel-section">
          <NewCommunityForm testId="community-new" submitLabel="Add" onCreated={() => setFilter('')} />
        </section>
      </div>
    </>
  );
}

function CommunityRow({ community, use }: { readonly community: Community; readonly use: CommunityUse | undefined }): React.JSX.Element {
  const store = useStore();
  const key = draftKey('community', community.id, 'name');
  const draft = useAppState((s) => s.drafts.get(key));
  const value = draft?.value ?? community.name;
  const isDirty = draft !== undefined && !draft.saving && draft.value !== community.name;
  const error = draft?.error;
  const saving = draft?.saving === true;
  const commit = () => {
    if (draft && !draft.saving) void store.saveCommunityName(community.id);
  };

  return (
    <li className="community-row" data-testid="community-row" data-community={community.id}>
      <span className="community-row-icon" aria-hidden="true">
        <CommunityKindIcon kind={community.kind} />
      </span>
      <div className="community-row-fields">
        <input
          className={`input community-row-name${isDirty ? ' is-dirty' : ''}`}
          aria-label={`Name of ${community.name}`}
          aria-invalid={error ? true : undefined}
          value={value}
          maxLength={200}
          autoComplete="off"
          data-testid="community-name"
          onChange={(e) => store.setDraft(key, e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              commit();
            } else if (e.key === 'Escape' && draft && !draft.saving) {
              e.preventDefault();
              e.stopPropagation();
              store.discardDraft(key);
            }
          }}
        />
        {error ? (
          <div className="field-error" role="alert">
            Not saved: {error}
          </div>
        ) : null}
        <div className="community-row-meta">
          <select
            className="community-row-kind"
            aria-label={`Kind of ${community.name}`}
            value={community.kind}
            data-testid="community-kind"
            onChange={(e) => void store.updateCommunity(community.id, { kind: e.target.value as CommunityKind })}
          >
            {COMMUNITY_KINDS.map((k) => (
              <option key={k} value={k}>
                {COMMUNITY_KIND_LABELS[k]}
              </option>
            ))}
          </select>
          <span aria-hidden="true">·</span>
          <span>{saving ? 'Saving…' : describeUse(use)}</span>
        </div>
      </div>
      <button
        type="button"
        className="btn btn-ghost btn-icon community-row-delete"
        aria-label={`Delete ${community.name}`}
        title={`Delete ${community.name}${use && use.members > 0 ? ` (takes it off ${use.members} ${use.members === 1 ? 'person' : 'people'})` : ''}`}
        data-testid="community-delete"
        onClick={() => void store.deleteCommunity(community.id)}
      >
        <TrashIcon />
      </button>
    </li>
  );
}
