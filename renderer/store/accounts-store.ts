/**
 * Accounts, the demo, and sign-in progress (issue 4).
 *
 * Mirrors `accounts:list` (kept fresh by `accounts:changed`) and the latest
 * `auth:progress` per account; a finished sign-in opens that account's courses.
 */
import { create } from 'zustand';
import type { AccountView, AddServerInput, AuthProgress, AutolabApi, DemoInfo } from '../../preload/contract';
import { errorSentence, requireApi } from './app-store';
import { restoredRoute, useNavigation } from './navigation-store';

/** Sign-in progress as shown: the contract's phases plus the moment before the first event. */
export type SignInView = AuthProgress | { accountId: string; phase: 'starting' };

/** Accounts state. */
export interface AccountsState {
  loaded: boolean;
  accounts: AccountView[];
  /** Shown as a banner when secrets cannot be kept safely. */
  secretWarning: string | null;
  /** The account whose courses the app shows. */
  currentId: string | null;
  /** Demo users returned by `demo:start`. */
  demoUsers: DemoInfo['users'] | null;
  /** The sign-in attempt on screen, if any. */
  signIn: SignInView | null;
  /** True while a button's call is running (disables it). */
  busy: boolean;
  /** One sentence for the last failed action on this screen. */
  error: string | null;
  init(api: AutolabApi): Promise<void>;
  startDemo(): Promise<void>;
  /** Start a sign-in; `instructorAccess` also asks for `instructor_all` from now on. */
  signInTo(accountId: string, method: 'loopback' | 'device', options?: { instructorAccess?: boolean }): Promise<void>;
  cancelSignIn(): Promise<void>;
  dismissSignIn(): void;
  signOut(accountId: string): Promise<void>;
  remove(accountId: string): Promise<void>;
  /** @throws ApiCallError with the sentence to show next to the form. */
  addServer(input: AddServerInput): Promise<AccountView>;
  /** Address and name for the add-server form after "Remove and add again". */
  addPrefill: { name: string; baseUrl: string } | null;
  /**
   * The server no longer knows this app (its database was reset): remove the
   * account, then start the demo again or open the add-server form filled in
   * with its address (issue 10 item 8).
   */
  removeAndReAdd(accountId: string): Promise<void>;
  select(accountId: string): void;
}

let unsubscribe: (() => void) | null = null;

/** The accounts store. */
export const useAccounts = create<AccountsState>((set, get) => {
  /** Run an action, keeping `busy` and `error` in step. */
  async function run(action: () => Promise<void>): Promise<void> {
    set({ busy: true, error: null });
    try {
      await action();
    } catch (err) {
      set({ error: errorSentence(err) });
    } finally {
      set({ busy: false });
    }
  }

  function onProgress(p: AuthProgress): void {
    const current = get().signIn;
    if (current && current.accountId !== p.accountId && p.phase !== 'signed-in') return;
    if (p.phase === 'signed-in') {
      set((s) => ({
        signIn: null,
        currentId: p.accountId,
        accounts: s.accounts.map((a) => (a.id === p.accountId ? { ...a, status: 'signed-in', identity: p.identity, notice: null } : a)),
      }));
      // A sign-in started from inside the account (e.g. asking for instructor access) stays where it was;
      // otherwise Upcoming, the home once signed in (issue 15).
      const route = useNavigation.getState().route;
      if (!('accountId' in route) || route.accountId !== p.accountId) useNavigation.getState().go({ name: 'upcoming' });
      return;
    }
    set({ signIn: p.phase === 'cancelled' ? null : p });
  }

  return {
    loaded: false,
    accounts: [],
    secretWarning: null,
    currentId: null,
    demoUsers: null,
    signIn: null,
    busy: false,
    error: null,

    async init(api) {
      unsubscribe?.();
      const offChanged = api.on('accounts:changed', (list) => {
        set({ accounts: list.accounts, secretWarning: list.secretStorage.warning });
      });
      const offProgress = api.on('auth:progress', onProgress);
      unsubscribe = () => {
        offChanged();
        offProgress();
      };
      try {
        const list = await api.accountsList();
        const signedIn = list.accounts.find((a) => a.status === 'signed-in');
        set({ accounts: list.accounts, secretWarning: list.secretStorage.warning, loaded: true, currentId: signedIn?.id ?? null });
        if (signedIn && useNavigation.getState().route.name === 'home') {
          // After a reload, come back to the same screen when its account is still signed in.
          const before = restoredRoute();
          const account = before && 'accountId' in before ? list.accounts.find((a) => a.id === before.accountId) : undefined;
          if (before && account?.status === 'signed-in') {
            set({ currentId: account.id });
            useNavigation.getState().go(before);
          } else if (before && 'siteId' in before) {
            // An Open edX screen: the Open edX store brings it back (openedx-store.ts).
          } else if (before && !('accountId' in before) && before.name !== 'home') {
            useNavigation.getState().go(before);
          } else {
            useNavigation.getState().go({ name: 'upcoming' });
          }
        }
      } catch (err) {
        set({ loaded: true, error: errorSentence(err) });
      }
    },

    startDemo: () =>
      run(async () => {
        const demo = await requireApi().demoStart();
        set((s) => ({
          demoUsers: demo.users,
          accounts: s.accounts.some((a) => a.id === demo.account.id) ? s.accounts : [...s.accounts, demo.account],
        }));
        await get().signInTo(demo.account.id, 'loopback');
      }),

    async signInTo(accountId, method, options) {
      set({ signIn: { accountId, phase: 'starting' }, error: null });
      try {
        await requireApi().authSignIn({ accountId, method, ...(options?.instructorAccess ? { instructorAccess: true } : {}) });
        if (options?.instructorAccess) set((s) => ({ accounts: s.accounts.map((a) => (a.id === accountId ? { ...a, instructorAccess: true } : a)) }));
      } catch (err) {
        set({ signIn: { accountId, phase: 'failed', message: errorSentence(err), suggestDevice: method === 'loopback' } });
      }
    },

    async cancelSignIn() {
      const current = get().signIn;
      if (!current) return;
      set({ signIn: null });
      try {
        await requireApi().authCancel({ accountId: current.accountId });
      } catch (err) {
        set({ error: errorSentence(err) });
      }
    },

    dismissSignIn() {
      set({ signIn: null });
    },

    signOut: (accountId) =>
      run(async () => {
        const account = await requireApi().authSignOut({ accountId });
        set((s) => ({
          accounts: s.accounts.map((a) => (a.id === accountId ? account : a)),
          currentId: s.currentId === accountId ? null : s.currentId,
        }));
        useNavigation.getState().go({ name: 'home' });
      }),

    remove: (accountId) =>
      run(async () => {
        const list = await requireApi().accountsRemove({ accountId });
        set((s) => ({
          accounts: list.accounts,
          secretWarning: list.secretStorage.warning,
          currentId: s.currentId === accountId ? null : s.currentId,
        }));
      }),

    addPrefill: null,

    removeAndReAdd: (accountId) =>
      run(async () => {
        const account = get().accounts.find((a) => a.id === accountId);
        if (!account) return;
        const list = await requireApi().accountsRemove({ accountId });
        set((s) => ({
          accounts: list.accounts,
          signIn: null,
          currentId: s.currentId === accountId ? null : s.currentId,
          addPrefill: account.isDemo ? null : { name: account.serverName, baseUrl: account.baseUrl },
        }));
        if (account.isDemo) await get().startDemo();
      }),

    async addServer(input) {
      const account = await requireApi().accountsAddServer(input);
      set((s) => ({ accounts: [...s.accounts.filter((a) => a.id !== account.id), account] }));
      return account;
    },

    select(accountId) {
      set({ currentId: accountId });
      useNavigation.getState().go({ name: 'courses', accountId });
    },
  };
});

/** "Ada Lovelace · ada@example.edu" for a signed-in account, else the server's name. */
export function accountLabel(account: AccountView): string {
  if (!account.identity) return `${account.serverName} (signed out)`;
  const name = `${account.identity.firstName} ${account.identity.lastName}`.trim();
  return name ? `${name} · ${account.identity.email}` : account.identity.email;
}
