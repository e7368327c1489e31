/**
 * Ask before something the user may regret (a late or last submission, removing a server).
 */
import { Dialog } from './Dialog';

/** Props of {@link ConfirmDialog}. */
export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  /** One sentence per reason to stop and think. */
  reasons: string[];
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
}

/** A yes/no dialog; Escape and "Cancel" both say no. */
export function ConfirmDialog({ open, title, reasons, confirmLabel, onConfirm, onCancel }: ConfirmDialogProps) {
  return (
    <Dialog open={open} title={title} onClose={onCancel}>
      {reasons.map((r) => (
        <p key={r}>{r}</p>
      ))}
      <div className="dialog-actions">
        <button type="button" onClick={onCancel} autoFocus>
          Cancel
        </button>
        <button type="button" className="primary" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
