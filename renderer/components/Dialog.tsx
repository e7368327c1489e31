/**
 * A modal dialog on the native `<dialog>` element.
 *
 * `showModal()` gives the focus trap, the inert background and Escape to close
 * for free; `onClose` runs however it closes.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';

/** Props of {@link Dialog}. */
export interface DialogProps {
  open: boolean;
  title: string;
  onClose(): void;
  children: ReactNode;
  /** Extra class, e.g. a wide dialog. */
  className?: string;
}

/** A modal dialog with a title. */
export function Dialog({ open, title, onClose, children, className }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      // A field marked data-autofocus takes the focus at once (keys typed right after opening land in it).
      dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className={`dialog ${className ?? ''}`}
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      {open && (
        <>
          <h2 id={titleId} className="dialog-title">{title}</h2>
          {children}
        </>
      )}
    </dialog>
  );
}
