/**
 * The sandbox clock and Autolab's datetime format.
 *
 * Why: tests shift "now" (code expiry, deadlines) without waiting, and every datetime
 * must look like `2024-09-15T23:59:00.000-04:00` in America/New_York (autolab-api.md §5.3, §8).
 */

/** A clock that can be shifted by an offset. */
export class SandboxClock {
  /** @param offsetMs initial offset added to the real time */
  constructor(public offsetMs = 0) {}

  /** Current sandbox time in epoch milliseconds. */
  now(): number {
    return Date.now() + this.offsetMs;
  }
}

const zoneFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function zonedParts(ms: number): ZonedParts {
  const parts: Record<string, string> = {};
  for (const p of zoneFormat.formatToParts(new Date(ms))) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

const pad = (n: number, w = 2): string => String(Math.abs(n)).padStart(w, '0');

/**
 * Format epoch milliseconds as Autolab does (ActiveSupport ISO-8601, Eastern offset).
 *
 * Why: clients parse `2024-09-15T23:59:00.000-04:00` exactly; never `Z` (§8).
 */
export function formatAutolabTime(ms: number): string {
  const p = zonedParts(ms);
  const wholeSecond = Math.floor(ms / 1000) * 1000;
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  const offsetMin = Math.round((asUtc - wholeSecond) / 60000);
  const sign = offsetMin < 0 ? '-' : '+';
  const millis = ((ms % 1000) + 1000) % 1000;
  return (
    `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}` +
    `.${pad(millis, 3)}${sign}${pad(Math.floor(Math.abs(offsetMin) / 60))}:${pad(Math.abs(offsetMin) % 60)}`
  );
}

/**
 * The calendar date (YYYY-MM-DD) in America/New_York at an instant.
 *
 * Why: course `start_date`/`end_date` are dates compared against the server zone (§4.3).
 */
export function easternDate(ms: number): string {
  const p = zonedParts(ms);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/**
 * Epoch ms of a wall-clock time in America/New_York.
 *
 * Why: demo deadlines read naturally (e.g. 23:59 Eastern) like a real course's.
 */
export function easternWallTime(date: string, hour: number, minute: number): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  let guess = Date.UTC(y, m - 1, d, hour, minute);
  for (let i = 0; i < 2; i++) {
    const p = zonedParts(guess);
    const shown = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
    guess += Date.UTC(y, m - 1, d, hour, minute) - shown;
  }
  return guess;
}
