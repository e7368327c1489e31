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
      <span aria-hidden="true">🔔</span> Activity
      {unseen > 0 && (
        <span className="count-badge" aria-hidden="true" data-testid="unseen-count">
          {unseen > 99 ? '99+' : unseen}
        </span>
      )}
    </button>
  );
}
