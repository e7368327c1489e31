/**
 * What a watcher event looks like on a LaMetric Time.
 *
 * The clock's display is 37×8 pixels, so each event becomes one icon and a short text
 * ("malloclab 94/100", "bomblab due in 1 h"), plus a goal frame that draws the score against
 * its maximum (providers.md §2.3 A; `device-notifications.rst`). Priority is `info` for grades
 * (not shown while the screensaver is on) and `warning` for a deadline within an hour
 * (interrupts info notifications); `critical` is meant for smoke alarms and is never used.
 * The privacy switch replaces the score, and drops the goal frame, with "New grade posted".
 */
import type { ActivityItem } from '../../preload/contract';
import { isMuted, PRIVATE_BODY } from '../watcher/notifier';

/** A gallery icon for grades (the one of LaMetric's own examples). */
export const GRADE_ICON = 'i620';
/** A gallery icon for deadlines. */
export const DEADLINE_ICON = 'i1218';

/** One frame: icon + text, or icon + goal. */
export type ClockFrame =
  | { icon: string; text: string }
  | { icon: string; goalData: { start: number; current: number; end: number; unit: string } };

/** The Notification object sent to `POST /api/v2/device/notifications`. */
export interface ClockNotification {
  priority: 'info' | 'warning';
  icon_type: 'none' | 'info' | 'alert';
  /** Milliseconds the notification may wait in the clock's queue. */
  lifetime: number;
  model: {
    cycles: number;
    frames: ClockFrame[];
    sound: { category: 'notifications'; id: string; repeat: number };
  };
}

/** Ten minutes: a grade that could not be shown by then is stale on a desk clock. */
const LIFETIME_MS = 10 * 60_000;

/** Scores are drawn with whole numbers; halves round half up. */
function whole(n: number): number {
  return Math.round(n);
}

function scoreText(value: number, max: number | null): string {
  const v = Number.isInteger(value) ? String(value) : value.toFixed(1).replace(/\.0$/, '');
  return max === null ? `${v} pts` : `${v}/${Number.isInteger(max) ? max : max.toFixed(1)}`;
}

function hoursText(min: number): string {
  return min % 60 === 0 ? `${min / 60} h` : `${min} min`;
}

/**
 * The clock notification of a watcher event, or null for events the clock does not show
 * (new assessments, summaries).
 *
 * @throws never.
 */
export function clockNotificationOf(item: ActivityItem, privacy: boolean): ClockNotification | null {
  const name = item.target?.assessment ?? item.shortName ?? item.title;
  // An Open edX course grade is a percentage (score of 100): "R Basics 82%", drawn against 100 %.
  const percent = item.openedx !== undefined && item.score?.max === 100;
  if (item.kind === 'graded' || item.kind === 'score-released') {
    const frames: ClockFrame[] = [];
    if (privacy && item.hasScore) {
      frames.push({ icon: GRADE_ICON, text: PRIVATE_BODY });
    } else if (item.score) {
      frames.push({ icon: GRADE_ICON, text: `${name} ${percent ? `${item.score.value}%` : scoreText(item.score.value, item.score.max)}` });
      if (item.score.max !== null && item.score.max > 0) {
        frames.push({ icon: GRADE_ICON, goalData: { start: 0, current: whole(item.score.value), end: whole(item.score.max), unit: percent ? '%' : '' } });
      }
    } else {
      frames.push({ icon: GRADE_ICON, text: `${name} graded` });
    }
    return { priority: 'info', icon_type: 'info', lifetime: LIFETIME_MS, model: { cycles: 2, frames, sound: { category: 'notifications', id: 'positive1', repeat: 1 } } };
  }
  if (item.kind === 'deadline' && item.remindMin !== undefined) {
    const soon = item.remindMin <= 60;
    return {
      priority: soon ? 'warning' : 'info',
      icon_type: soon ? 'alert' : 'info',
      lifetime: LIFETIME_MS,
      model: { cycles: 2, frames: [{ icon: DEADLINE_ICON, text: `${name} due in ${hoursText(item.remindMin)}` }], sound: { category: 'notifications', id: 'notification', repeat: 1 } },
    };
  }
  return null;
}

/** The watcher's switches that apply to the clock as to notifications. */
export interface ClockSwitches {
  get(): { privacy: boolean };
  paused(now: number): boolean;
  muted(accountId: string, course: string): boolean;
}

/**
 * The clock notifications of a batch of watcher events: none while notifications are paused,
 * none for muted courses, scores hidden with the privacy switch.
 *
 * @throws never.
 */
export function clockNotificationsFor(items: ActivityItem[], switches: ClockSwitches, now: number): ClockNotification[] {
  if (switches.paused(now)) return [];
  const privacy = switches.get().privacy;
  return items
    .filter((i) => !isMuted(i, switches))
    .map((i) => clockNotificationOf(i, privacy))
    .filter((n): n is ClockNotification => n !== null);
}

/** The "Send a test notification" message. */
export function testNotification(): ClockNotification {
  return {
    priority: 'info',
    icon_type: 'info',
    lifetime: 2 * 60_000,
    model: { cycles: 1, frames: [{ icon: GRADE_ICON, text: 'Autolab Desktop test' }], sound: { category: 'notifications', id: 'notification', repeat: 1 } },
  };
}
