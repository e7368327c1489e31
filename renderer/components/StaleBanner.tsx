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
