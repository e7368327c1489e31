/**
 * Turn the watcher's events into notifications, the unseen count and the
 * `activity:changed` event.
 *
 * Applies the user's switches (issue 6): paused notifications and muted
 * courses still land in the activity list but show nothing; the privacy
 * switch replaces a score with "New grade posted". The Platform shows the
 * notification natively (Electron) or in the page (web host).
 */
import type { ActivityItem, ActivityList, NotificationPayload } from '../../preload/contract';
import type { EventBus } from '../events';
import type { Platform } from '../platform';
import type { AnnouncementStore } from './announcement-store';
import type { WatcherSettingsStore } from './watcher-settings';

/** The sentence shown instead of a score when the privacy switch is on. */
export const PRIVATE_BODY = 'New grade posted';

/** What the notifier needs. */
export interface NotifierDeps {
  platform: Required<Pick<Platform, 'showNotification' | 'setUnseenCount'>>;
  events: EventBus;
  store: AnnouncementStore;
  settings: WatcherSettingsStore;
  now?: () => number;
}

/**
 * Whether the user muted the course an item belongs to: an Autolab course
 * (`<accountId>/<course>`) or an Open edX course (`<siteId>/<courseKey>`).
 */
export function isMuted(item: ActivityItem, settings: { muted(accountId: string, course: string): boolean }): boolean {
  if (item.target) return settings.muted(item.target.accountId, item.target.course);
  return item.openedx ? settings.muted(item.openedx.siteId, item.openedx.courseKey) : false;
}

/** The notification text of an item, honouring the privacy switch. */
export function notificationOf(item: ActivityItem, privacy: boolean): NotificationPayload {
  return { id: item.id, title: item.title, body: privacy && item.hasScore ? PRIVATE_BODY : item.body, target: item.target, ...(item.openedx ? { openedx: item.openedx } : {}) };
}

/** The one notification for many events after an absence. */
export function summaryOf(items: ActivityItem[]): NotificationPayload {
  const titles = items.slice(0, 3).map((i) => i.title);
  const more = items.length > 3 ? `, and ${items.length - 3} more` : '';
  return { id: `summary:${items[0]?.id ?? ''}:${items.length}`, title: `${items.length} updates while you were away`, body: `${titles.join('; ')}${more}.`, target: null };
}

/** Shows what the watcher found. */
export class Notifier {
  constructor(private readonly deps: NotifierDeps) {}

  /** Deliver new items: each as its own notification, or one summary. */
  deliver(items: ActivityItem[], mode: 'each' | 'summary'): void {
    const settings = this.deps.settings;
    const now = (this.deps.now ?? Date.now)();
    const visible = items.filter((i) => !isMuted(i, settings));
    if (visible.length && !settings.paused(now)) {
      const privacy = settings.get().privacy;
      if (mode === 'summary' && visible.length > 1) this.deps.platform.showNotification(summaryOf(visible));
      else for (const item of visible) this.deps.platform.showNotification(notificationOf(item, privacy));
    }
    this.changed();
  }

  /** Show one notification as it is (app notes such as "still running in the tray"). */
  show(notification: NotificationPayload): void {
    this.deps.platform.showNotification(notification);
  }

  /** Tell the renderer and the tray that the list or its unseen count changed. */
  changed(): ActivityList {
    const list = this.deps.store.activity();
    this.deps.platform.setUnseenCount(list.unseen);
    this.deps.events.emit('activity:changed', list);
    return list;
  }
}
