/**
 * Living in the tray (issue 6): closing the window keeps the app running
 * (said once, by a notification, remembered in the settings), the tray's
 * menu, and opening a clicked notification's target in the window.
 */
import { app, type BrowserWindow } from 'electron';
import type { NotificationTarget, OpenedxTarget } from '../../preload/contract';
import type { Core } from '../composition-root';
import { shortDate } from '../watcher/detect';
import { AppTray } from './tray';

/** The shell's window accessors. */
export interface WindowAccess {
  get(): BrowserWindow | null;
  create(): BrowserWindow;
}

/** The tray and close-to-tray behaviour, once the core is up. */
export class BackgroundShell {
  private tray: AppTray | null = null;
  private quitting = false;
  private pendingUnseen = 0;

  constructor(private readonly windows: WindowAccess) {
    app.on('before-quit', () => (this.quitting = true));
  }

  /** Create the tray over the core's watcher. */
  attach(core: Core): void {
    const w = core.watcher;
    this.tray = new AppTray({
      // Autolab's and Open edX's deadlines together, soonest first (Open edX ones open the window).
      nextDeadlines: () =>
        [
          ...w.watcher.upcoming().map((d) => ({
            at: Date.parse(d.dueAt),
            label: `${d.displayName} — ${shortDate(d.dueAt)}`,
            open: () => this.open(core, { accountId: d.accountId, course: d.course, assessment: d.assessment, version: null }),
          })),
          ...(core.openedxWatcher?.upcoming() ?? []).map((d) => ({ at: Date.parse(d.due), label: `${d.name} (Open edX) — ${shortDate(d.due)}`, open: () => this.open(core, null, { siteId: d.siteId, courseKey: d.courseKey }) })),
        ]
          .sort((a, b) => a.at - b.at)
          .slice(0, 3)
          .map(({ label, open }) => ({ label, open })),
      pause: (span) => void w.pause(span),
      open: () => this.open(core, null),
      quit: () => app.quit(),
    });
    this.tray.setUnseen(this.pendingUnseen);
    // The deadlines move when accounts come and go or the watcher learns of new assessments.
    core.events.attach((event) => (event === 'accounts:changed' || event === 'activity:changed' || event === 'openedx:changed') && this.tray?.refresh());
  }

  /** Keep the app in the tray when this window closes (unless quitting). */
  keepInTray(win: BrowserWindow, core: () => Core | null): void {
    // Windows logoff/shutdown sends no 'before-quit'; a hidden window must not hold the session up.
    win.on('session-end', () => (this.quitting = true));
    win.on('close', (event) => {
      if (this.quitting || !this.tray) return;
      event.preventDefault();
      win.hide();
      const c = core();
      void c?.watcher.settings.takeTrayNotice().then((first) => {
        if (first) showTrayNotice(c);
      });
    });
  }

  /** Show the unseen count (before the tray exists, remember it). */
  setUnseen(count: number): void {
    this.pendingUnseen = count;
    this.tray?.setUnseen(count);
  }

  /** Focus (or re-create) the window and navigate to the target (an Autolab assessment or an Open edX course). */
  open(core: Core | null, target: NotificationTarget | null, openedx?: OpenedxTarget): void {
    const win = this.windows.get() ?? this.windows.create();
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
    if (core && target) core.events.emit('notification:open', target);
    else if (core && openedx) core.events.emit('openedx:open', openedx);
  }

  /** Remove the tray (quit). */
  dispose(): void {
    this.tray?.destroy();
    this.tray = null;
  }
}

function showTrayNotice(core: Core): void {
  core.watcher.notifier.show({
    id: 'tray-notice',
    title: 'Autolab Desktop is still running',
    body: 'It keeps watching for grades and deadlines in the tray; choose Quit there to stop it.',
    target: null,
  });
}
