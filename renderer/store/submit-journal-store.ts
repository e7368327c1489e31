/**
 * Outcomes of submits that the user has not been told yet: main reconciled them after a restart or crash
 * (issue 10 item 3), or they finished while no page was listening.
 *
 * Mirrors main's journal for the signed-in accounts through `submit:journal` (the channel reconciles unfinished
 * entries first) and the `submit:journal` event; Dismiss tells main the user has read the sentence.
 */
import { create } from 'zustand';
import type { AutolabApi, SubmitJournalEntry } from '../../preload/contract';

/** The notices store. */
export interface SubmitJournalState {
  /** Finished, reconciled, not yet dismissed. */
  notices: SubmitJournalEntry[];
  /** Ask main for an account's journal (reconciling what an earlier run left unfinished). */
  load(api: AutolabApi, accountId: string): Promise<void>;
  dismiss(api: AutolabApi, id: string): Promise<void>;
  /** Follow journal events; returns the unsubscribe function. */
  listen(api: AutolabApi): () => void;
}

const isNotice = (e: SubmitJournalEntry) => e.state === 'done' && e.outcome?.reconciled === true && !e.acknowledged;

/** The submit-journal notices store. */
export const useSubmitJournal = create<SubmitJournalState>((set, get) => ({
  notices: [],
  async load(api, accountId) {
    try {
      const entries = await api.submitJournal({ accountId });
      const others = get().notices.filter((n) => n.accountId !== accountId);
      set({ notices: [...others, ...entries.filter(isNotice)] });
    } catch {
      // Signed out or unreachable: the entries stay unfinished in main and are reconciled at the next look.
    }
  },
  async dismiss(api, id) {
    set({ notices: get().notices.filter((n) => n.id !== id) });
    await api.submitDismiss({ id }).catch(() => undefined);
  },
  listen(api) {
    return api.on('submit:journal', (entry) => {
      const rest = get().notices.filter((n) => n.id !== entry.id);
      set({ notices: isNotice(entry) ? [...rest, entry] : rest });
    });
  },
}));
