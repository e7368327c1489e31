/**
 * The watcher's side of the renderer: recent activity with its unseen count,
 * notification settings, in-page notification toasts, and opening what a
 * notification points at (issue 6).
 */
import { create } from 'zustand';
import type { ActivityItem, AutolabApi, NotificationPayload, NotificationTarget, WatcherSettings } from '../../preload/contract';
import { useAccounts } from './accounts-store';
import { errorSentence, requireApi } from './app-store';
import { useNavigation } from './navigation-store';

/** Activity state. */
export interface ActivityState {
  items: ActivityItem[];
  unseen: number;
  settings: WatcherSettings | null;
  toasts: NotificationPayload[];
  /** One user sentence about the last failed action. */
  error: string | null;
  /** Where the last calendar export went. */
  exportedTo: string | null;
  /** Load and subscribe to the watcher's events; returns the unsubscribe function. */
  init(api: AutolabApi): () => void;
  markAllRead(): Promise<void>;
  updateSettings(patch: Partial<Omit<WatcherSettings, 'pausedUntil'>>): Promise<void>;
  pause(span: '1h' | 'tomorrow' | 'off'): Promise<void>;
  exportCalendar(): Promise<void>;
  dismissToast(id: string): void;
}

/** Go to what a notification or activity item points at: an Autolab assessment or an Open edX course. */
export function openItem(item: { target: NotificationTarget | null; openedx?: { siteId: string; courseKey: string } | undefined }): void {
  if (item.target) openTarget(item.target);
  else if (item.openedx) useNavigation.getState().go({ name: 'openedx-course', siteId: item.openedx.siteId, courseKey: item.openedx.courseKey });
}

/** Go to a notification's assessment, opening the version's feedback when it names one. */
export function openTarget(target: NotificationTarget): void {
  const accounts = useAccounts.getState();
  if (accounts.currentId !== target.accountId) accounts.select(target.accountId);
  useNavigation.getState().go({
    name: 'assessment',
    accountId: target.accountId,
    course: target.course,
    assessment: target.assessment,
    ...(target.version !== null ? { feedback: { version: target.version, at: Date.now() } } : {}),
  });
}

/** The activity store. */
export const useActivity = create<ActivityState>((set, get) => {
  const act = async (fn: () => Promise<void>) => {
    try {
      set({ error: null });
      await fn();
    } catch (err) {
      set({ error: errorSentence(err) });
    }
  };
  return {
    items: [],
    unseen: 0,
    settings: null,
    toasts: [],
    error: null,
    exportedTo: null,
    init(api) {
      void act(async () => {
        const [list, settings] = await Promise.all([api.activityList(), api.settingsGet()]);
        set({ items: list.items, unseen: list.unseen, settings });
      });
      const offs = [
        api.on('activity:changed', (list) => set({ items: list.items, unseen: list.unseen })),
        api.on('notification:show', (n) => set((s) => ({ toasts: [...s.toasts.filter((t) => t.id !== n.id), n].slice(-4) }))),
        api.on('notification:open', (target) => openTarget(target)),
        api.on('openedx:open', (openedx) => openItem({ target: null, openedx })),
      ];
      return () => offs.forEach((off) => off());
    },
    markAllRead: () =>
      act(async () => {
        if (!get().unseen) return;
        const list = await requireApi().activityMarkRead({});
        set({ items: list.items, unseen: list.unseen });
      }),
    updateSettings: (patch) => act(async () => set({ settings: await requireApi().settingsSet(patch) })),
    pause: (span) => act(async () => set({ settings: await requireApi().notificationsPause({ for: span }) })),
    exportCalendar: () =>
      act(async () => {
        const result = await requireApi().calendarExport();
        set({ exportedTo: result.kind === 'saved' ? result.path : null });
      }),
    dismissToast(id) {
      set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
    },
  };
});
