import type React from 'react';
import { createContext, useContext, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { useStore } from '../store/useAppState';
import { AlertIcon, CloseIcon } from './icons';

/** The dialog's own way out (Cancel): it asks before dropping typed text, as Escape and × do. */
const DialogClose = createContext<(() => void) | null>(null);

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
  /**
   * The form holds text the user typed that is not saved: closing it (Escape, ×, Cancel) asks first, and so does
   * closing the window.
   */
  readonly unsaved?: boolean;
}

/**
 * A modal on the native <dialog>: the page behind is inert, focus stays
 * inside, Escape closes (unless blocking). Focus goes to the element marked
 * `data-autofocus` (else the first field) and returns to the opener on close.
 * A form with unsaved typing asks before it closes ("Discard what you typed?").
 */
export function Dialog(props: DialogProps): React.JSX.Element {
  const store = useStore();
  const ref = useRef<HTMLDialogElement>(null);
  const keepRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  const holdKey = useId();
  const [confirming, setConfirming] = useState(false);
  const onCloseRef = useRef(props.onClose);
  const unmounting = useRef(false);
  useLayoutEffect(() => {
    onCloseRef.current = props.onClose;
  });

  const unsaved = props.unsaved === true;
  useEffect(() => {
    if (!unsaved) return undefined;
    store.holdTyping(holdKey, true);
    return () => store.holdTyping(holdKey, false);
  }, [store, holdKey, unsaved]);
  useEffect(() => {
    if (confirming) keepRef.current?.focus();
  }, [confirming]);

  /** Escape, × and Cancel: straight out, unless typed text would be lost. */
  const requestClose = () => {
    const close = onCloseRef.current;
    if (!close) return;
    if (unsaved) setConfirming(true);
    else close();
  };

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
    // Escape while asking means "keep editing".
    if (confirming) setConfirming(false);
    else requestClose();
  };
  // Chrome closes a dialog on a second Escape even when cancel is prevented: a blocking one, or one holding typed
  // text, reopens (and asks).
  const onNativeClose = () => {
    const dialog = ref.current;
    if (!dialog || unmounting.current) return;
    if (onCloseRef.current && !unsaved) {
      onCloseRef.current();
      return;
    }
    if (dialog.isConnected && !dialog.open) dialog.showModal();
    if (onCloseRef.current) setConfirming(true);
  };

  const ask = confirming ? (
    <div className="dialog-confirm" role="alert" data-testid="dialog-discard">
      <AlertIcon className="toast-icon" />
      <span>Discard what you typed?</span>
      <span className="spacer" />
      <button ref={keepRef} type="button" className="btn" data-testid="dialog-keep-editing" onClick={() => setConfirming(false)}>
        Keep editing
      </button>
      <button type="button" className="btn btn-danger" data-testid="dialog-discard-confirm" onClick={() => onCloseRef.current?.()}>
        Discard
      </button>
    </div>
  ) : null;
  const body = (
    <>
      <div className="dialog-body">{props.children}</div>
      {ask ?? (props.footer ? <div className="dialog-footer">{props.footer}</div> : null)}
    </>
  );
  return (
    <DialogClose value={requestClose}>
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
            <button type="button" className="btn btn-ghost btn-icon" aria-label="Close" title="Close (Esc)" onClick={requestClose}>
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
    </DialogClose>
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
  readonly busy: boolean;
  /** The submit button's label, and what it says while the command runs. */
  readonly label: string;
  readonly busyLabel: string;
  readonly testId: string;
}

/** How a form dialog's footer ends: Cancel (the dialog's own close), then the submit button (disabled while the command runs). */
export function FormActions({ busy, label, busyLabel, testId }: FormActionsProps): React.JSX.Element {
  const requestClose = useContext(DialogClose);
  return (
    <>
      <button type="button" className="btn" onClick={() => requestClose?.()}>
        Cancel
      </button>
      <button type="submit" className="btn btn-primary" data-testid={testId} disabled={busy}>
        {busy ? busyLabel : label}
      </button>
    </>
  );
}
