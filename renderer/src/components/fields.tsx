import type React from 'react';
import { useId } from 'react';
import type { Origin } from '../../../shared/domain/model';
import { ORIGIN_CAPS, ORIGIN_COLORS, ORIGIN_DASHES, ORIGIN_LABELS } from '../graph/palette';
import { useAppState, useStore } from '../store/useAppState';
import { CheckIcon } from './icons';

interface DraftFieldProps {
  readonly label: string;
  readonly hint?: string;
  /** The store key of this field's draft. */
  readonly draftKey: string;
  /** The saved value, as text. */
  readonly stored: string;
  readonly onCommit: () => void;
  readonly multiline?: boolean;
  readonly type?: 'text' | 'date';
  readonly placeholder?: string;
  readonly testId?: string;
  readonly inputClassName?: string;
}

/**
 * A text field bound to a store draft: what is typed lives in the store until
 * the backend accepts it, so a refused save keeps the text and shows why.
 * Saves on blur and Enter (Ctrl/Cmd+Enter in notes); Escape reverts.
 */
export function DraftField(props: DraftFieldProps): React.JSX.Element {
  const store = useStore();
  const draft = useAppState((s) => s.drafts.get(props.draftKey));
  const id = useId();
  const value = draft?.value ?? props.stored;
  const isDirty = draft !== undefined && !draft.saving && draft.value !== props.stored;
  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    const submit = props.multiline ? e.key === 'Enter' && (e.ctrlKey || e.metaKey) : e.key === 'Enter';
    if (submit) {
      e.preventDefault();
      props.onCommit();
    } else if (e.key === 'Escape' && draft && !draft.saving) {
      e.preventDefault();
      e.stopPropagation();
      store.discardDraft(props.draftKey);
    }
  };
  const common = {
    id,
    value,
    placeholder: props.placeholder,
    'aria-invalid': draft?.error ? true : undefined,
    'aria-describedby': draft?.error ? `${id}-error` : undefined,
    'data-testid': props.testId,
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => store.setDraft(props.draftKey, e.target.value),
    onBlur: () => {
      if (draft && !draft.saving) props.onCommit();
    },
    onKeyDown,
  };
  const className = `${props.multiline ? 'textarea' : 'input'}${isDirty ? ' is-dirty' : ''}${props.inputClassName ? ` ${props.inputClassName}` : ''}`;
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        <span>{props.label}</span>
        {draft?.saving ? <span className="field-hint">Saving…</span> : props.hint ? <span className="field-hint">{props.hint}</span> : null}
      </label>
      {props.multiline ? (
        <textarea {...common} className={className} rows={4} />
      ) : (
        <input {...common} className={className} type={props.type ?? 'text'} autoComplete="off" spellCheck={props.type !== 'date'} />
      )}
      {draft?.error ? (
        <div className="field-error" id={`${id}-error`} role="alert">
          Not saved: {draft.error}
        </div>
      ) : null}
    </div>
  );
}

interface SegmentedProps<T extends string | number> {
  readonly label: string;
  readonly options: ReadonlyArray<{ value: T; label: string; icon?: React.ReactNode; title?: string }>;
  readonly value: T | undefined;
  readonly onChange: (value: T) => void;
  readonly testId?: string;
}

/** A radio group drawn as a segmented control; arrow keys move between options. */
export function Segmented<T extends string | number>({ label, options, value, onChange, testId }: SegmentedProps<T>): React.JSX.Element {
  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    const at = options.findIndex((o) => o.value === value);
    const step = e.key === 'ArrowRight' || e.key === 'ArrowDown' ? 1 : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? -1 : 0;
    if (step === 0) return;
    e.preventDefault();
    const next = options[(at + step + options.length) % options.length];
    if (!next) return;
    onChange(next.value);
    const buttons = e.currentTarget.querySelectorAll('button');
    buttons[(at + step + options.length) % options.length]?.focus();
  };
  const focusable = options.some((o) => o.value === value) ? value : options[0]?.value;
  return (
    <div className="segmented" role="radiogroup" aria-label={label} data-testid={testId} onKeyDown={onKeyDown}>
      {options.map((o) => (
        <button
          key={String(o.value)}
          type="button"
          role="radio"
          aria-checked={o.value === value}
          tabIndex={o.value === focusable ? 0 : -1}
          title={o.title}
          data-value={String(o.value)}
          onClick={() => onChange(o.value)}
        >
          {o.icon}
          {o.label}
        </button>
      ))}
    </div>
  );
}

/** A short line drawn with the origin's colour and dash: the legend's two cues at once. */
export function OriginLine({ origin, width = 28 }: { readonly origin: Origin; readonly width?: number }): React.JSX.Element {
  const dashes = ORIGIN_DASHES[origin];
  const scale = width < 20 ? 0.5 : 0.7;
  return (
    <svg width={width} height="8" viewBox={`0 0 ${width} 8`} aria-hidden="true" focusable="false" style={{ flex: 'none' }}>
      <line
        x1="2"
        y1="4"
        x2={width - 2}
        y2="4"
        stroke={ORIGIN_COLORS[origin]}
        strokeWidth="2.6"
        strokeLinecap={ORIGIN_CAPS[origin]}
        strokeDasharray={dashes.length > 0 ? dashes.map((d) => Math.max(0.01, d * scale)).join(' ') : undefined}
      />
    </svg>
  );
}

export function OriginChip({ origin }: { readonly origin: Origin }): React.JSX.Element {
  return (
    <span className={`chip chip-${origin}`} data-origin={origin}>
      <OriginLine origin={origin} width={14} />
      {ORIGIN_LABELS[origin]}
    </span>
  );
}

export function StrengthDots({ strength }: { readonly strength: number | undefined }): React.JSX.Element | null {
  if (!strength) return null;
  return (
    <span className="strength-dots" role="img" aria-label={`Strength ${strength} of 5`} title={`Strength ${strength} of 5`}>
      {[1, 2, 3, 4, 5].map((n) => (
        <i key={n} className={n <= strength ? 'on' : ''} />
      ))}
    </span>
  );
}

/** "Save changes" while a field holds unsaved text; a quiet confirmation otherwise. */
export function SaveButton({
  dirty,
  onSave,
  testId,
}: {
  readonly dirty: boolean;
  readonly onSave: () => void;
  readonly testId: string;
}): React.JSX.Element {
  return dirty ? (
    <button type="button" className="btn btn-primary" data-testid={testId} onClick={onSave}>
      Save changes
    </button>
  ) : (
    <button type="button" className="btn btn-ghost" data-testid={testId} disabled>
      <CheckIcon />
      All changes saved
    </button>
  );
}
