/**
 * A course's roster in the renderer: loaded once per visit, then patched in
 * place by add, edit and drop so 2,000 rows need not be fetched again.
 */
import { create } from 'zustand';
import type { EnrollmentChanges, Role, RosterEntry } from '../../preload/contract';
import { errorSentence, requireApi } from './app-store';

/** A roster as the screen shows it. */
export interface RosterState {
  key: string | null;
  entries: RosterEntry[];
  loading: boolean;
  error: string | null;
  fetchedAt: number | null;
  load(accountId: string, course: string): Promise<void>;
  /** @throws ApiCallError with one user sentence. */
  add(accountId: string, course: string, entry: { email: string; lecture: string; section: string; role: Role; nickname?: string; gradePolicy?: string }): Promise<RosterEntry>;
  /** @throws ApiCallError with one user sentence. */
  update(accountId: string, course: string, email: string, changes: EnrollmentChanges): Promise<RosterEntry>;
  /** @throws ApiCallError with one user sentence. */
  drop(accountId: string, course: string, email: string): Promise<RosterEntry>;
}

const put = (entries: RosterEntry[], next: RosterEntry): RosterEntry[] => {
  const i = entries.findIndex((e) => e.email === next.email);
  if (i < 0) return [...entries, next];
  const copy = entries.slice();
  copy[i] = next;
  return copy;
};

/** The roster store. */
export const useRoster = create<RosterState>((set, get) => ({
  key: null,
  entries: [],
  loading: false,
  error: null,
  fetchedAt: null,

  async load(accountId, course) {
    const key = `${accountId}/${course}`;
    set((s) => ({ key, loading: true, error: null, entries: s.key === key ? s.entries : [], fetchedAt: s.key === key ? s.fetchedAt : null }));
    try {
      const roster = await requireApi().rosterList({ accountId, course });
      if (get().key === key) set({ entries: roster.entries, fetchedAt: roster.fetchedAt, loading: false });
    } catch (err) {
      if (get().key === key) set({ loading: false, error: errorSentence(err) });
    }
  },

  async add(accountId, course, entry) {
    const added = await requireApi().rosterAdd({ accountId, course, entry });
    set((s) => ({ entries: put(s.entries, added) }));
    return added;
  },

  async update(accountId, course, email, changes) {
    const next = await requireApi().rosterUpdate({ accountId, course, email, changes });
    set((s) => ({ entries: put(s.entries, next) }));
    return next;
  },

  async drop(accountId, course, email) {
    const next = await requireApi().rosterDrop({ accountId, course, email });
    set((s) => ({ entries: put(s.entries, next) }));
    return next;
  },
}));
