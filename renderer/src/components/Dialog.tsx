import type React from 'react';
import { useId, useLayoutEffect, useRef } from 'react';
import { AlertIcon, CloseIcon } from './icons';

interface DialogProps {
  readonly title: string;
  readonly description?: React.ReactNode;
  readonly icon?: React.ReactNode;
  /** Absent for blocking dialogs: Escape and the close button do nothing. */
  readonly onClose?: () => void;
  readonly children: React.ReactNode;
  readonly footer?: React.ReactNode;
  readonly testId?: string;
  readonly width?: number;
  /** Wraps body and footer in a form; Enter submits. */
  readonly onSubmit?: () => void;
}

/**
 * A modal on the native <dialog>: the page behind is inert, focus stays
 * inside, Escape closes (unless blocking). Focus goes to the element marked
 * `data-autofocus` (else the first field) and returns to the opener on close.
 */
export function Dialog(props: DialogProps): React.JSX.Element {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  const onCloseRef = useRef(props.onClose);
  const unmounting = useRef(false);
  useLayoutEffect(() => {
    onCloseRef.current = props.onClose;
  });

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return undefined;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    unmounting.current = false;
    if (!dialog.open) dialog.showModal();
    const target = dialog.querySelector<HTMLElement>('[data-autofocus]') ?? dialog.querySelector<HTMLElement>('input, select, textarea');
    target?.focus();
    return () => {
      unmounting.current = true;
      if (dialog.open) dialog.close();
      if (opener && opener.isConnected) opener.focus();
    };
  }, []);

  const onCancel = (e: React.SyntheticEvent<HTMLDialogElement>) => {
    e.preventDefault();
    onCloseRef.current?.();
  };
  // Chrome closes a dialog on a second Escape even when cancel is prevented: a blocking one reopens.
  const onNativeClose = () => {
    const dialog = ref.current;
    if (!dialog || unmounting.current) return;
    if (onCloseRef.current) onCloseRef.current();
    else if (dialog.isConnected && !dialog.open) dialog.showModal();
  };

  const body = (
    <>
      <div className="dialog-body">{props.children}</div>
      {props.footer ? <div className="dialog-footer">{props.footer}</div> : null}
    </>
  );
  return (
    <dialog
      ref={ref}
      className="dialog"
      role="dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={props.description ? descriptionId : undefined}
      data-testid={props.testId}
      onCancel={onCancel}
      onClose={onNativeClose}
      style={props.width ? { width: `min(${props.width}px, calc(100vw - 48px))` } : undefined}
    >
      <div className="dialog-header">
        {props.icon}
        <div style={{ flex: 1, minWidth: 0 }}>
          <h2 id={titleId}>{props.title}</h2>
          {props.description ? (
            <p className="dialog-description" id={descriptionId}>
              {props.description}
            </p>
          ) : null}
        </div>
        {props.onClose ? (
          <button type="button" className="btn btn-ghost btn-icon" aria-label="Close" title="Close (Esc)" onClick={props.onClose}>
            <CloseIcon />
          </button>
        ) : null}
      </div>
      {props.onSubmit ? (
        <form
          noValidate
          style={{ display: 'contents' }}
          onSubmit={(e) => {
            e.preventDefault();
            props.onSubmit?.();
          }}
        >
          {body}
        </form>
      ) : (
        body
      )}
    </dialog>
  );
}

/** A form dialog's refusal, said above its fields; nothing while there is none. */
export function FormError({
  message,
  testId,
}: {
  readonly message: string | null | undefined;
  readonly testId: string;
}): React.JSX.Element | null {
  if (!message) return null;
  return (
    <div className="form-error" role="alert" data-testid={testId}>
      <AlertIcon className="toast-icon" />
      <span>{message}</span>
    </div>
  );
}

interface FormActionsProps {
  readonly onCancel: () => void;
  readonly busy: boolean;
  /** The submit button's label, and what it says while the command runs. */
  readonly label: string;
  readonly busyLabel: string;
  readonly testId: string;
}

/** How a form dialog's footer ends: Cancel, then the submit button (disabled while the command runs). */
export function FormActions({ onCancel, busy, label, busyLabel, testId }: FormActionsProps): React.JSX.Element {
  return (
    <>
      <button type="button" className="btn" onClick={onCancel}>
        Cancel
      </button>
      <button type="submit" className="btn btn-primary" data-testid={testId} disabled={busy}>
        {busy ? busyLabel : label}
      </button>
    </>
  );
}
