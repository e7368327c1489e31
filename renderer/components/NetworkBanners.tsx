/**
 * "Autolab is not answering" with Cancel and Keep waiting, and main's
 * one-time notices (a data file kept aside…), above the current screen.
 *
 * Issue 10 items 4 and 6: a request that makes no progress for 10 s is said
 * at once instead of a spinner that turns for a minute and a half.
 */
import { useNetwork } from '../store/network-store';

/** The banner of one account's stalled requests; nothing when none stalls. */
export function NotAnsweringBanner({ accountId }: { accountId: string | null }) {
  const waiting = useNetwork((s) => (accountId ? s.waiting[accountId] && !s.keptWaiting[accountId] : false));
  const cancel = useNetwork((s) => s.cancel);
  const keepWaiting = useNetwork((s) => s.keepWaiting);
  if (!accountId || !waiting) return null;
  return (
    <div role="alert" className="banner banner-warn" data-testid="not-answering">
      <strong>Autolab is not answering.</strong> <span>Nothing has arrived for 10 seconds; you can stop waiting and keep what is shown.</span>
      <span className="banner-buttons">
        <button type="button" className="banner-action" onClick={() => void cancel(accountId)}>
          Cancel
        </button>
        <button type="button" className="banner-action ghost" onClick={() => keepWaiting(accountId)}>
          Keep waiting
        </button>
      </span>
    </div>
  );
}

/** Main's notices, each shown until dismissed. */
export function AppNoticeBanners() {
  const notices = useNetwork((s) => s.notices);
  const dismiss = useNetwork((s) => s.dismissNotice);
  if (!notices.length) return null;
  return (
    <>
      {notices.map((n) => (
        <div key={n.id} role="status" className={`banner ${n.level === 'error' ? 'banner-error' : n.level === 'info' ? 'banner-info' : 'banner-warn'}`} data-testid="app-notice">
          <span>{n.message}</span>
          <button type="button" className="banner-action" onClick={() => dismiss(n.id)}>
            Dismiss
          </button>
        </div>
      ))}
    </>
  );
}
