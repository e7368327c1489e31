/**
 * In-page notifications (the web host's stand-in for native ones, issue 6):
 * a live region of toasts; clicking one opens its assessment's feedback.
 */
import { useEffect } from 'react';
import type { NotificationPayload } from '../../preload/contract';
import { openItem, useActivity } from '../store/activity-store';

const LIFETIME_MS = 20_000;

function Toast({ toast }: { toast: NotificationPayload }) {
  const dismiss = useActivity((s) => s.dismissToast);
  useEffect(() => {
    const t = setTimeout(() => dismiss(toast.id), LIFETIME_MS);
    return () => clearTimeout(t);
  }, [toast.id, dismiss]);
  const target = toast.target;
  const action = target ? (target.version !== null ? 'Open feedback' : 'Open assessment') : toast.openedx ? 'Open course' : null;
  return (
    <li className="toast" data-testid="toast">
      {action ? (
        <button
          type="button"
          className="toast-main"
          onClick={() => {
            dismiss(toast.id);
            openItem(toast);
          }}
        >
          {/* Named by its visible text (label in name), with the action it takes said after it. */}
          <strong className="toast-title">{toast.title}</strong>
          <span className="toast-body">{toast.body}</span>
          <span className="sr-only">{`: ${action}`}</span>
        </button>
      ) : (
        <div className="toast-main">
          <strong className="toast-title">{toast.title}</strong>
          <span className="toast-body">{toast.body}</span>
        </div>
      )}
      <button type="button" className="ghost toast-close" aria-label={`Dismiss "${toast.title}"`} onClick={() => dismiss(toast.id)}>
        ×
      </button>
    </li>
  );
}

/** The toast stack, bottom right. */
export function Toasts() {
  const toasts = useActivity((s) => s.toasts);
  return (
    <section className="toasts" aria-label="Notifications" aria-live="polite">
      <ul>
        {toasts.map((t) => (
          <Toast key={t.id} toast={t} />
        ))}
      </ul>
    </section>
  );
}
