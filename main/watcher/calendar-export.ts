/**
 * The deadlines calendar: an RFC 5545 `.ics` file with every known assessment.
 *
 * Autolab has no calendar feed (Autolab issue #1367), so the app writes one
 * users can import or subscribe to (issue 6): per assessment one event at
 * `due_at` and one "last day to submit late" event at `end_at` (when later),
 * UIDs stable per assessment so re-imports update instead of duplicating,
 * times in UTC (`Z`), text escaped (§3.3.11) and lines folded at 75 octets
 * (§3.1).
 */
import { writeFile, rename, rm, mkdir } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

/** One assessment's dates for the calendar. */
export interface CalendarEntry {
  /** Host of the Autolab server (part of the UID). */
  server: string;
  course: string;
  courseName: string;
  assessment: string;
  displayName: string;
  dueAt: string;
  endAt: string;
}

/** `20241002T035900Z` (RFC 5545 §3.3.5, form #2: UTC). */
export function icsTime(iso: string | number): string {
  return new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** Escape TEXT values (RFC 5545 §3.3.11): backslash, semicolon, comma, newline. */
export function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Fold a content line at 75 octets without splitting a UTF-8 character (RFC 5545 §3.1). */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    const limit = out.length === 0 ? 75 : 74; // continuation lines start with a space
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

function event(uid: string, stamp: string, start: string, summary: string, description: string): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:${uid}`,
    `DTSTAMP:${stamp}`,
    `DTSTART:${icsTime(start)}`,
    `DTEND:${icsTime(start)}`,
    `SUMMARY:${escapeText(summary)}`,
    `DESCRIPTION:${escapeText(description)}`,
    'TRANSP:TRANSPARENT',
    'END:VEVENT',
  ];
}

/** Build the calendar text (CRLF line ends). */
export function buildCalendar(entries: CalendarEntry[], now: number): string {
  const stamp = icsTime(now);
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Autolab Desktop//Deadlines//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', 'X-WR-CALNAME:Autolab deadlines'];
  for (const e of entries) {
    const base = `${e.assessment}.${e.course}@${e.server}`;
    lines.push(...event(`due.${base}`, stamp, e.dueAt, `${e.displayName} due (${e.courseName})`, `${e.displayName} in ${e.courseName} is due.`));
    if (Date.parse(e.endAt) > Date.parse(e.dueAt)) {
      lines.push(...event(`end.${base}`, stamp, e.endAt, `${e.displayName}: last moment to submit late (${e.courseName})`, `Autolab stops accepting late submissions for ${e.displayName} at this time (plus any course slack).`));
    }
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}

/**
 * Write the calendar atomically to `file`.
 *
 * @throws when the folder cannot be written.
 */
export async function writeCalendar(file: string, entries: CalendarEntry[], now: number): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, buildCalendar(entries, now));
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
