/**
 * The app's dialogs, on Radix primitives (a well-kept, accessible implementation rather than our
 * own): they take focus when they open, keep Tab inside, close on Escape and give focus back to
 * whatever had it before — the button, a text field or the whiteboard. Never the native confirm box:
 * it blocks the renderer, cannot be styled or themed, and the desktop and web shells show it
 * differently.
 */
import { useRef, type ReactNode } from 'react';
import * as AlertDialog from '@radix-ui/react-alert-dialog';
import * as RadixDialog from '@radix-ui/react-dialog';

/**
 * Radix gives focus back to its own Trigger; ours are opened from many places (a button, Alt+E in
 * the notes, a file picker), so remember what had focus as the dialog opens and return to it.
 */
function useReturnFocus() {
  const before = useRef<HTMLElement | null>(null);
  return {
    onOpenAutoFocus: () => {
      before.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    },
    onCloseAutoFocus: (e: Event) => {
      const el = before.current;
      before.current = null;
      // Gone (the row it was in was removed): leave focus where the browser puts it.
      if (!el?.isConnected) return;
      e.preventDefault();
      el.focus({ preventScroll: true });
    },
  };
}

export interface ConfirmDialogProps {
  open: boolean;
  /** Called with false when the person cancels (button, Escape) and after a confirmation. */
  onOpenChange: (open: boolean) => void;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  /** Styles the confirming button as destructive (discard, remove, replace). */
  danger?: boolean;
  onConfirm: () => void;
  testId?: string;
  /** The confirming button's test id (default: `${testId}-confirm`). */
  confirmTestId?: string;
}

/**
 * A question that needs an answer before anything happens. As WAI-ARIA's alertdialog pattern
 * asks, focus starts on the least destructive choice (cancel), so Enter never destroys by accident.
 */
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  children,
  confirmLabel,
  cancelLabel = 'Cancel',
  danger = false,
  onConfirm,
  testId,
  confirmTestId = testId ? `${testId}-confirm` : undefined,
}: ConfirmDialogProps) {
  const focus = useReturnFocus();
  return (
    <AlertDialog.Root open={open} onOpenChange={onOpenChange}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="modal-backdrop" />
        <AlertDialog.Content className="modal" data-testid={testId} {...focus}>
          <AlertDialog.Title className="modal-title">{title}</AlertDialog.Title>
          <AlertDialog.Description asChild>
            <div className="modal-body">{children}</div>
          </AlertDialog.Description>
          <div className="modal-actions">
            <AlertDialog.Cancel className="btn">{cancelLabel}</AlertDialog.Cancel>
            <AlertDialog.Action
              className={`btn ${danger ? 'danger' : 'primary'}`}
              data-testid={confirmTestId}
              onClick={onConfirm}
            >
              {confirmLabel}
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}

/** An informational dialog (keyboard shortcuts): a click outside closes it too. */
export function Dialog({
  open,
  onOpenChange,
  title,
  description,
  children,
  testId,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: string;
  children: ReactNode;
  testId?: string;
}) {
  const focus = useReturnFocus();
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="modal-backdrop" />
        <RadixDialog.Content
          className="modal"
          data-testid={testId}
          {...focus}
          // Without a description Radix warns unless told there is none on purpose.
          {...(description ? {} : { 'aria-describedby': undefined })}
        >
          <RadixDialog.Title className="modal-title">{title}</RadixDialog.Title>
          {description && <RadixDialog.Description className="muted">{description}</RadixDialog.Description>}
          {children}
          <div className="modal-actions">
            <RadixDialog.Close className="btn primary">Close</RadixDialog.Close>
          </div>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
