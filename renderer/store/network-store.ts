/**
 * What the renderer hears about the network and the app's data: "Autolab is
 * not answering" per account (with Cancel and Keep waiting), and the
 * one-time notices of main (a data file kept aside, a full disk).
 *
 * Issue 10 items 4 and 6. Notices raised before the window connected are
 * fetched once with `app:notices`; later ones arrive as `app:notice` events.
 */
import { create } from 'zustand';
import type { AppNotice, AutolabApi } from '../../preload/contract';
import { requireApi } from './app-store';

/** Network and notices state. */
export interface NetworkState {
  /** Accounts whose Autolab has not answered a request for a while. */
  waiting: Record<string, boolean>;
  /** Accounts for which the user chose "Keep waiting" (banner hidden until the next stall). */
  keptWaiting: Record<string, boolean>;
  /** Notices not dismissed yet, oldest first. */
  notices: AppNotice[];
  /** Subscribe and fetch pending notices; returns the unsubscribe function. */
  init(api: AutolabApi): () => void;
  /** "Cancel": stop the account's requests in flight. */
  cancel(accountId: string): Promise<void>;
  /** "Keep waiting": hide the banner, keep the requests. */
  keepWaiting(accountId: string): void;
  dismissNotice(id: string): void;
}

/** The network store. */
export const useNetwork = create<NetworkState>((set, get) => ({
  waiting: {},
  keptWaiting: {},
  notices: [],

  init(api) {
    const addNotices = (list: AppNotice[]) =>
      set((s) => ({ notices: [...s.notices, ...list.filter((n) => !s.notices.some((m) => m.id === n.id))] }));
    const offNotice = api.on('app:notice', (n) => addNotices([n]));
    const offWaiting = api.on('network:waiting', ({ accountId, waiting }) =>
      set((s) => ({ waiting: { ...s.waiting, [accountId]: waiting }, keptWaiting: { ...s.keptWaiting, [accountId]: false } })),
    );
    void api.appNotices().then(addNotices, () => undefined);
    return () => {
      offNotice();
      offWaiting();
    };
  },

  async cancel(accountId) {
    set((s) => ({ waiting: { ...s.waiting, [accountId]: false } }));
    await requireApi()
      .networkCancel({ accountId })
      .catch(() => undefined);
  },

  keepWaiting(accountId) {
    set((s) => ({ keptWaiting: { ...s.keptWaiting, [accountId]: true } }));
  },

  dismissNotice(id) {
    set({ notices: get().notices.filter((n) => n.id !== id) });
  },
}));
