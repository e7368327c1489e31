/**
 * Recent activity: grades, released scores, new assessments and deadline
 * reminders, newest first; seen items are marked read (issue 6). The
 * notification settings moved to Settings (issue 15).
 */
import { useEffect } from 'react';
import type { ActivityItem } from '../../preload/contract';
import { ErrorBanner } from '../components/ErrorBanner';
import { ScreenHeading } from '../components/ScreenHeading';
import { formatLocal } from '../domain/time-format';
import { openItem, useActivity } from '../store/activity-store';
import { useNavigation } from '../store/navigation-store';

const KIND_LABEL: Record<ActivityItem['kind'], string> = {
  graded: 'Graded',
  'score-released': 'Score released',
  'new-assessment': 'New assessment',
  deadline: 'Deadline',
  summary: 'Summary',
};

function ActivityRow({ item }: { item: ActivityItem }) {
  const content = (
    <span className="row-main">
      <span className="row-title">
        {!item.read && <span className="unread-dot" aria-label="New" />}
        {item.title}
      </span>
      <span className="row-sub muted">
        {item.body} · <time dateTime={new Date(item.at).toISOString()}>{formatLocal(new Date(item.at).toISOString())}</time>
      </span>
    </span>
  );
  return (
    <li>
      {item.target || item.openedx ? (
        <button type="button" className="row-button" onClick={() => openItem(item)}>
          {content}
          <span className={`chip chip-${item.kind}`}>{KIND_LABEL[item.kind]}</span>
          <span className="chevron" aria-hidden="true">›</span>
        </button>
      ) : (
        <div className="row-button">{content}</div>
      )}
    </li>
  );
}

/** The activity screen. */
export function ActivityScreen() {
  const items = useActivity((s) => s.items);
  const unseen = useActivity((s) => s.unseen);
  const error = useActivity((s) => s.error);
  const markAllRead = useActivity((s) => s.markAllRead);
  const go = useNavigation((s) => s.go);
  // Seen once shown: mark read a moment after they appear (the dots stay visible for this visit).
  useEffect(() => {
    if (!unseen) return;
    const t = setTimeout(() => void markAllRead(), 1500);
    return () => clearTimeout(t);
  }, [unseen, markAllRead]);

  return (
    <section aria-labelledby="activity-title">
      <ScreenHeading id="activity-title">Activity</ScreenHeading>
      <p className="lead">Grades, feedback, new assessments and deadlines, as Autolab Desktop noticed them.</p>
      <ErrorBanner message={error} />
      {items.length ? (
        <ul className="row-list" aria-label="Recent activity">
          {items.map((i) => (
            <ActivityRow key={i.id} item={i} />
          ))}
        </ul>
      ) : (
        <div className="empty-card">
          <h2>Nothing yet</h2>
          <p>When a grade is posted, a score is released, an assessment opens or a deadline comes close, it shows up here.</p>
        </div>
      )}
      <p className="muted">
        Privacy, reminders, pausing and your desk clock are in{' '}
        <button type="button" className="link" onClick={() => go({ name: 'settings' })}>
          Settings › Notifications and privacy
        </button>
        .
      </p>
    </section>
  );
}
