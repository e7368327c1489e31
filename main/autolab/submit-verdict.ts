/**
 * Deciding, from the submissions list, whether a submit whose answer was lost was saved — and saying so truthfully.
 *
 * Why: Autolab renames every version `<version>_<handin_filename>` (autolab-api.md §4.8), so names prove nothing;
 * a partner's submit on a group assessment, or the same student's from another device, also adds a version to the
 * list (§4.8, §4.9). A version counts as ours only when it is the single new version stamped (on the server's
 * clock) between our last body byte and the moment we stopped waiting for the answer (issue 10 item 2). Anything
 * else is reported as what was seen, never guessed.
 */
import type { ServerWindow } from './server-clock';
import { epochMs, type Submission } from './schemas';

/** A new version seen in the list. */
export interface Candidate {
  version: number;
  /** `created_at` in epoch ms (an instant; shown to the user in local time). */
  createdAt: number;
}

/** What the list says about our submit. */
export type Verdict =
  | { kind: 'ours'; version: number; createdAt: number }
  | { kind: 'absent' }
  | { kind: 'ambiguous'; candidates: Candidate[]; why: 'group' | 'several' | 'no-clock' };

/**
 * Judge the list `after` against the versions known before the upload.
 *
 * @param window server-time window of our save, or null when the server's clock is unknown (no `Date` header)
 * @param group the assessment is a group assessment: a partner's version is indistinguishable from ours
 */
export function judge(before: Iterable<number>, after: Submission[], window: ServerWindow | null, group: boolean): Verdict {
  const known = new Set(before);
  const fresh = after.filter((s) => !known.has(s.version)).map((s) => ({ version: s.version, createdAt: epochMs(s.created_at) }));
  const inWindow = window ? fresh.filter((c) => c.createdAt >= window.from && c.createdAt <= window.to) : fresh;
  inWindow.sort((a, b) => a.version - b.version);
  if (inWindow.length === 0) return { kind: 'absent' };
  if (!window) return { kind: 'ambiguous', candidates: inWindow, why: 'no-clock' };
  if (inWindow.length > 1) return { kind: 'ambiguous', candidates: inWindow, why: 'several' };
  const only = inWindow[0] as Candidate;
  if (group) return { kind: 'ambiguous', candidates: [only], why: 'group' };
  return { kind: 'ours', version: only.version, createdAt: only.createdAt };
}

const clockFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** `14:02`: an instant (server time converted to ours by `offsetMs`) in the user's local time. */
export function localClockTime(serverMs: number, offsetMs = 0): string {
  return clockFormat.format(new Date(serverMs - offsetMs));
}

const andList = (items: string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

/**
 * The one sentence for an ambiguous verdict: what appeared, when, and what to do. Never claims the version is ours.
 *
 * @param offsetMs server minus local time, to show the times on the user's clock
 */
export function ambiguitySentence(candidates: Candidate[], why: 'group' | 'several' | 'no-clock', offsetMs = 0): string {
  const versions = andList(candidates.map((c) => String(c.version)));
  const times = andList([...new Set(candidates.map((c) => localClockTime(c.createdAt, offsetMs)))]);
  const whose = why === 'group' ? "your partner's" : 'from a partner or another device';
  if (candidates.length === 1) {
    return `Version ${versions} appeared at ${times}; it may be ${whose}, so open its feedback to check before you submit again.`;
  }
  const which = candidates.length === 2 ? 'either' : 'any of them';
  return `Versions ${versions} appeared at ${times}; ${which} may be ${whose}, so open their feedback to check before you submit again.`;
}

/**
 * The sentence when a submit certainly landed (Autolab answered 200) but several new versions appeared in its
 * window, so which one is ours is not known (a group partner's submit at the same moment).
 */
export function whichIsOursSentence(candidates: Candidate[], offsetMs = 0): string {
  const versions = andList(candidates.map((c) => String(c.version)));
  const times = andList([...new Set(candidates.map((c) => localClockTime(c.createdAt, offsetMs)))]);
  return `Autolab saved your submission, but versions ${versions} appeared at ${times}, so which one is yours is not certain; open their feedback to tell.`;
}
