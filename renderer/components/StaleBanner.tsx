/**
 * "Offline — showing data as of 10:42" when a cached answer is stale, with
 * Retry; it asks again by itself when Autolab answers again (any request of
 * the account, e.g. the watcher's next poll: `network:reachable`) and at the
 * time a 429 named (issue 10 item 6).
 */
import { useEffect, useRef } from 'react';
import { formatAsOf } from '../domain/time-format';
import { useAppStore } from '../store/app-store';

/** Props of {@link StaleBanner}: the fields of a `cached(...)` answer, and how to ask again. */
export interface StaleBannerProps {
  stale: boolean;
  fetchedAt: number;
  error: string | null;
  /** When rate limited: Unix ms of the next try. */
  retryAt?: number | null | undefined;
  /** The account whose server is meant (to hear when it answers again). */
  accountId?: string;
  /** Ask for fresh data (Retry, automatic retries). */
  onRetry?: () => void;
}

/** Shows nothing when the data is fresh. */
export function StaleBanner({ stale, fetchedAt, error, retryAt, accountId, onRetry }: StaleBannerProps) {
  const api = useAppStore((s) => s.api);
  // The latest callback, so re-renders (a retry itself re-renders) do not re-arm the timers.
  const retry = useRef(onRetry);
  retry.current = onRetry;
  const canRetry = onRetry !== undefined;
  useEffect(() => {
    if (!stale || !canRetry || !api || !accountId) return;
    return api.on('network:reachable', (e) => {
      if (e.accountId === accountId && e.reachable) retry.current?.();
    });
  }, [stale, canRetry, api, accountId]);
  // One automatic try per announced time (a 429 names the next window).
  const triedFor = useRef<number | null>(null);
  useEffect(() => {
    if (!stale || !canRetry || !retryAt || triedFor.current === retryAt) return;
    const t = setTimeout(() => {
      triedFor.current = retryAt;
      retry.current?.();
    }, Math.max(0, retryAt - Date.now()));
    return () => clearTimeout(t);
  }, [stale, canRetry, retryAt]);
  if (!stale) return null;
  return (
    <div role="status" className="banner banner-warn" data-testid="stale-banner">
      <strong>Offline — showing data as of {formatAsOf(fetchedAt)}.</strong>
      {error && <span> {error}</span>}
      {onRetry && (
        <button type="button" className="banner-action" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}

/** Props of {@link RefreshingNote}. */
export interface RefreshingNoteProps {
  /** True while the list shown is the copy cached on disk and the fresh one is on its way. */
  refreshing?: boolean;
  fetchedAt: number;
  /** Older than this (ms), the note names the copy's time (default one minute). */
  oldAfterMs?: number;
  /** What is shown, for the sentence (default "the list"). */
  what?: string;
}

/**
 * "Showing the list as of 10:42 — updating…" while a cached copy older than a
 * minute is shown and the fresh list is on its way (stale-while-revalidate).
 */
export function RefreshingNote({ refreshing, fetchedAt, oldAfterMs = 60_000, what = 'the list' }: RefreshingNoteProps) {
  if (!refreshing || Date.now() - fetchedAt < oldAfterMs) return null;
  return (
    <p className="muted progress-line" role="status">
      <span className="spinner" aria-hidden="true" />
      Showing {what} as of {formatAsOf(fetchedAt)} — updating…
    </p>
  );
}
