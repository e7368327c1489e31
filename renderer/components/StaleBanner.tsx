/**
 * "Offline — showing data as of 10:42" when a cached answer is stale.
 */
import { formatAsOf } from '../domain/time-format';

/** Props of {@link StaleBanner}: the fields of a `cached(...)` answer. */
export interface StaleBannerProps {
  stale: boolean;
  fetchedAt: number;
  error: string | null;
}

/** Shows nothing when the data is fresh. */
export function StaleBanner({ stale, fetchedAt, error }: StaleBannerProps) {
  if (!stale) return null;
  return (
    <div role="status" className="banner banner-warn">
      <strong>Offline — showing data as of {formatAsOf(fetchedAt)}.</strong>
      {error && <span> {error}</span>}
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
  /** What is shown, e.g. "the page" (default "the list"). */
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
