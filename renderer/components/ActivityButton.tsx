/**
 * The header's way to the activity list, with the count of unseen events (issue 6).
 */
import { useActivity } from '../store/activity-store';
import { useNavigation } from '../store/navigation-store';

/** "Activity" button with an unseen-count badge. */
export function ActivityButton() {
  const unseen = useActivity((s) => s.unseen);
  const go = useNavigation((s) => s.go);
  const label = unseen ? `Activity, ${unseen} unseen` : 'Activity';
  return (
    <button type="button" className="ghost activity-button" aria-label={label} onClick={() => go({ name: 'activity' })}>
      <svg aria-hidden="true" width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      Activity
      {unseen > 0 && (
        <span className="count-badge" aria-hidden="true" data-testid="unseen-count">
          {unseen > 99 ? '99+' : unseen}
        </span>
      )}
    </button>
  );
}
