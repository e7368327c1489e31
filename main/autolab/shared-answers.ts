/**
 * Answers shared by every part of the app that reads the same thing of one
 * signed-in account (issue 15: every request asked once).
 *
 * The watcher's scan, the overview's paced refresh (Upcoming, course cards,
 * Grades) and the course page all list the same courses, assessments and
 * submissions, through different clients (the watcher's is marked as
 * background work and never retries). Without sharing, a cold sign-in asked
 * each submission list twice. Here one key has at most one request in flight
 * (a second asker joins it), and a settled answer is reused by askers that
 * accept its age: each asker says how old an answer may be (the watcher's
 * scan a minute, the overview two, a grading poll 0: always a new request,
 * whose answer the others then reuse).
 *
 * Answers are parsed, shared objects: callers must not change them. A failure
 * is kept only when it is Autolab's considered refusal (the course is
 * disabled, the user not enrolled, not found, not released, a missing scope),
 * which asking again at once would only repeat; any other failure (offline,
 * 429, server down) is dropped and the next asker asks again. One instance
 * per account session, so a sign-out forgets everything.
 */
import { UserError } from '../user-error';

/** How a key names a request: `<kind>/<course>/<assessment>`. */
export const answerKey = {
  courses: (state: string) => `courses?state=${state}`,
  assessments: (course: string) => `assessments/${course}`,
  assessment: (course: string, assessment: string) => `assessment/${course}/${assessment}`,
  submissions: (course: string, assessment: string) => `submissions/${course}/${assessment}`,
};

interface Entry {
  /** When the request was sent (an answer is as old as its question). */
  at: number;
  pending: Promise<unknown> | null;
  settled: boolean;
  value: unknown;
  /** A kept refusal (see the module comment), given to every asker instead of a value. */
  refusal?: UserError;
}

/** Refusals that are answers too: asking again within the same minutes gets the same one. */
const KEPT_REFUSALS = new Set(['course-disabled', 'not-enrolled', 'not-found', 'not-released', 'missing-scope']);

/** Kept no longer than this, whatever an asker accepts. */
const MAX_AGE_MS = 10 * 60_000;

/** One account's shared answers. */
export class SharedAnswers {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Is a request for `key` in flight, or was one answered less than `maxAgeMs` ago? (Then {@link get} sends nothing.) */
  has(key: string, maxAgeMs: number): boolean {
    const e = this.entries.get(key);
    if (!e) return false;
    return e.pending !== null || (e.settled && this.now() - e.at < Math.min(maxAgeMs, MAX_AGE_MS));
  }

  /**
   * The answer for `key`: the request in flight, joined; else an answer
   * younger than `maxAgeMs`; else `ask()`, whose answer is then shared.
   *
   * @throws whatever `ask` throws (to every asker that joined it).
   */
  get<T>(key: string, maxAgeMs: number, ask: () => Promise<T>): Promise<T> {
    if (this.has(key, maxAgeMs)) {
      const e = this.entries.get(key)!;
      return (e.pending ?? (e.refusal ? Promise.reject(e.refusal) : Promise.resolve(e.value))) as Promise<T>;
    }
    const entry: Entry = { at: this.now(), pending: null, settled: false, value: undefined };
    const pending = ask().then(
      (value) => {
        if (this.entries.get(key) === entry) Object.assign(entry, { pending: null, settled: true, value });
        return value;
      },
      (err: unknown) => {
        if (this.entries.get(key) === entry) {
          if (err instanceof UserError && KEPT_REFUSALS.has(err.code)) Object.assign(entry, { pending: null, settled: true, refusal: err });
          else this.entries.delete(key);
        }
        throw err;
      },
    );
    entry.pending = pending;
    this.prune();
    this.entries.set(key, entry);
    return pending;
  }

  /** An answer fetched elsewhere (e.g. the assessment page's own requests), for the others to reuse. */
  put(key: string, value: unknown): void {
    this.prune();
    this.entries.set(key, { at: this.now(), pending: null, settled: true, value });
  }

  /** Forget the answer for `key` (a submit changed it); the next asker asks again. */
  forget(key: string): void {
    this.entries.delete(key);
  }

  private prune(): void {
    const now = this.now();
    for (const [key, e] of this.entries) if (e.pending === null && now - e.at > MAX_AGE_MS) this.entries.delete(key);
  }
}
