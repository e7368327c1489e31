/**
 * Dates for people: local time and a relative countdown.
 *
 * Autolab sends dates with the server's offset; they are shown in the user's
 * own time zone with `Intl.DateTimeFormat`, plus "due in 3 h" style countdowns.
 */

const dateTime = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});
const timeOnly = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });

/** A date in the user's local time, e.g. "Tue, Oct 1, 11:59 PM". */
export function formatLocal(at: string | number): string {
  const ms = typeof at === 'number' ? at : Date.parse(at);
  return Number.isNaN(ms) ? String(at) : dateTime.format(ms);
}

/** A time of day when it is today, otherwise a full local date (for "as of …"). */
export function formatAsOf(ms: number, now: number = Date.now()): string {
  const sameDay = new Date(ms).toDateString() === new Date(now).toDateString();
  return sameDay ? timeOnly.format(ms) : dateTime.format(ms);
}

/** A duration in words, rounded the way people say it: "45 min", "3 h", "2 days". */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 60_000) return 'less than a minute';
  const min = Math.round(abs / 60_000);
  if (min < 60) return `${min} min`;
  const hours = Math.round(abs / 3_600_000);
  if (hours < 48) return `${hours} h`;
  const days = Math.round(abs / 86_400_000);
  return `${days} days`;
}

/**
 * A countdown precise where it matters: "2 h 59 min" or "12 min" within the
 * last day, otherwise {@link formatDuration} ("3 days").
 */
export function formatCountdown(ms: number): string {
  const abs = Math.abs(ms);
  if (abs >= 86_400_000 || abs < 60_000) return formatDuration(ms);
  const totalMin = Math.floor(abs / 60_000);
  const h = Math.floor(totalMin / 60);
  const min = totalMin % 60;
  return h ? `${h} h ${min} min` : `${min} min`;
}

/** "in 3 h" for the future, "4 days ago" for the past. */
export function formatRelative(at: string | number, now: number): string {
  const ms = (typeof at === 'number' ? at : Date.parse(at)) - now;
  return ms >= 0 ? `in ${formatDuration(ms)}` : `${formatDuration(ms)} ago`;
}
