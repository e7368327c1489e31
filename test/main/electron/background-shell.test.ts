/**
 * Living in the tray (issue 6): the tray's data and actions come from the
 * core's watcher; closing the window hides it (said once); notification and
 * deadline clicks bring the window back at the target.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../../main/composition-root';
import { BackgroundShell } from '../../../main/electron/background-shell';
import { shortDate } from '../../../main/watcher/detect';
import type { EventSink } from '../../../main/events';
import type { FakeMenu } from './electron-mock';

const m = await vi.hoisted(async () => await import('./electron-mock'));
vi.mock('electron', () => m.electron);

type Win = InstanceType<typeof m.FakeBrowserWindow>;
const soon = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const upcoming = [1, 2, 3, 4].map((d) => ({ accountId: 'acct-1', course: 'c15213', assessment: `lab${d}`, displayName: `Lab ${d}`, dueAt: soon(d), endAt: soon(d + 1) }));

function fakeCore(firstNotice = true) {
  const sinks = new Set<EventSink>();
  const core = {
    events: {
      emit: vi.fn(),
      attach: vi.fn((sink: EventSink) => (sinks.add(sink), () => sinks.delete(sink))),
    },
    watcher: {
      watcher: { upcoming: vi.fn(() => upcoming) },
      pause: vi.fn(async () => ({})),
      settings: { takeTrayNotice: vi.fn().mockResolvedValueOnce(firstNotice).mockResolvedValue(false) },
      notifier: { show: vi.fn() },
    },
  };
  return { core, asCore: core as unknown as Core, sinks };
}

let win: Win | null;
let shell: BackgroundShell;
const windows = { get: vi.fn(() => win as unknown as Electron.BrowserWindow | null), create: vi.fn(() => (win = new m.FakeBrowserWindow()) as unknown as Electron.BrowserWindow) };
const menu = () => (m.FakeTray.instances[0]!.menu as FakeMenu).template;
const item = (label: RegExp) => menu().find((i) => i.label !== undefined && label.test(i.label));
const click = (label: RegExp) => (item(label)?.click as () => void)();
const flush = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  m.resetElectronMock();
  windows.get.mockClear();
  windows.create.mockClear();
  win = new m.FakeBrowserWindow();
  shell = new BackgroundShell(windows);
});

describe('background-shell: tray menu over the watcher', () => {
  it('lists the next three deadlines by name and date', () => {
    shell.attach(fakeCore().asCore);
    const labels = menu().map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(upcoming.slice(0, 3).map((d) => `${d.displayName} — ${shortDate(d.dueAt)}`)));
    expect(labels.some((l) => l?.startsWith('Lab 4'))).toBe(false);
  });

  it("mixes Open edX graded subsections into the next three deadlines by date", () => {
    const { core, asCore } = fakeCore();
    const due = new Date(Date.now() + 1.5 * 86_400_000).toISOString();
    Object.assign(core, { openedxWatcher: { upcoming: vi.fn(() => [{ siteId: 'edx-1', courseKey: 'course-v1:X+Y+Z', courseName: 'Y', id: 'b1', name: 'Homework 2', due, lmsWebUrl: null }]) } });
    shell.attach(asCore);
    const labels = menu().map((i) => i.label).filter((l) => l?.includes(' — '));
    expect(labels).toEqual([`Lab 1 — ${shortDate(upcoming[0]!.dueAt)}`, `Homework 2 (Open edX) — ${shortDate(due)}`, `Lab 2 — ${shortDate(upcoming[1]!.dueAt)}`]);
    click(/^Homework 2 \(Open edX\)/);
    expect(core.events.emit).toHaveBeenCalledWith('openedx:open', { siteId: 'edx-1', courseKey: 'course-v1:X+Y+Z' });
  });

  it('clicking a deadline shows the window and opens that assessment in the page', () => {
    const { core, asCore } = fakeCore();
    shell.attach(asCore);
    win!.minimized = true;
    click(/^Lab 2 —/);
    expect(win!.restore).toHaveBeenCalled();
    expect(win!.visible).toBe(true);
    expect(win!.focus).toHaveBeenCalled();
    expect(core.events.emit).toHaveBeenCalledWith('notification:open', { accountId: 'acct-1', course: 'c15213', assessment: 'lab2', version: null });
  });

  it('the pause items pause the watcher for 1 h and until tomorrow', () => {
    const { core, asCore } = fakeCore();
    shell.attach(asCore);
    click(/1 hour/);
    click(/until tomorrow/);
    expect(core.watcher.pause.mock.calls).toEqual([['1h'], ['tomorrow']]);
  });

  it('Quit quits the app; Open shows the window without navigating', () => {
    const { core, asCore } = fakeCore();
    shell.attach(asCore);
    click(/^Open/);
    expect(win!.visible).toBe(true);
    expect(core.events.emit).not.toHaveBeenCalled();
    click(/^Quit$/);
    expect(m.app.quit).toHaveBeenCalledTimes(1);
  });

  it('re-creates the window when it is gone', () => {
    shell.attach(fakeCore().asCore);
    win = null;
    click(/^Open/);
    expect(windows.create).toHaveBeenCalledTimes(1);
    expect(win!.visible).toBe(true);
  });

  it('rebuilds the deadlines when the accounts or the activity change', () => {
    const { core, asCore, sinks } = fakeCore();
    shell.attach(asCore);
    core.watcher.watcher.upcoming.mockReturnValue(upcoming.slice(3));
    for (const sink of sinks) sink('accounts:changed', []);
    expect(item(/^Lab 1 —/)).toBeUndefined();
    expect(item(/^Lab 4 —/)).toBeDefined();
  });
});

describe('background-shell: unseen count', () => {
  it('remembers the count set before the tray exists and shows it on attach, then follows updates', () => {
    shell.setUnseen(2);
    shell.attach(fakeCore().asCore);
    const tray = m.FakeTray.instances[0]!;
    expect(tray.tooltip).toBe('Autolab Desktop — 2 new');
    shell.setUnseen(0);
    expect(tray.tooltip).toBe('Autolab Desktop');
  });
});

describe('background-shell: close to tray', () => {
  it('hides the window on close instead of closing it, and says so only the first time', async () => {
    const { core, asCore } = fakeCore(true);
    shell.keepInTray(win as unknown as Electron.BrowserWindow, () => asCore);
    shell.attach(asCore);
    const w = win!;
    w.show();
    w.close();
    expect(w.hide).toHaveBeenCalledTimes(1);
    expect(m.FakeBrowserWindow.instances).toContain(w);
    await flush();
    expect(core.watcher.notifier.show).toHaveBeenCalledTimes(1);
    expect(core.watcher.notifier.show.mock.calls[0]?.[0]).toMatchObject({ title: 'Autolab Desktop is still running', target: null });
    w.close();
    await flush();
    expect(core.watcher.settings.takeTrayNotice).toHaveBeenCalledTimes(2);
    expect(core.watcher.notifier.show).toHaveBeenCalledTimes(1);
  });

  it('does not repeat the notice when the settings say it was already shown', async () => {
    const { core, asCore } = fakeCore(false);
    shell.keepInTray(win as unknown as Electron.BrowserWindow, () => asCore);
    shell.attach(asCore);
    win!.close();
    await flush();
    expect(win!.hide).toHaveBeenCalled();
    expect(core.watcher.notifier.show).not.toHaveBeenCalled();
  });

  it('lets the window close while the app quits', () => {
    const { asCore } = fakeCore();
    shell.keepInTray(win as unknown as Electron.BrowserWindow, () => asCore);
    shell.attach(asCore);
    m.app.emit('before-quit', m.fakeEvent());
    win!.close();
    expect(m.FakeBrowserWindow.instances).toHaveLength(0);
    expect(win!.hide).not.toHaveBeenCalled();
  });

  it('lets the window close before the tray exists (nothing would keep the app reachable)', () => {
    shell.keepInTray(win as unknown as Electron.BrowserWindow, () => null);
    win!.close();
    expect(m.FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('lets Windows shut down: a session end closes the window instead of hiding it', () => {
    const { asCore } = fakeCore();
    shell.keepInTray(win as unknown as Electron.BrowserWindow, () => asCore);
    shell.attach(asCore);
    win!.emit('session-end', m.fakeEvent());
    win!.close();
    expect(m.FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('removes the tray icon on dispose', () => {
    shell.attach(fakeCore().asCore);
    shell.dispose();
    expect(m.FakeTray.instances[0]!.destroy).toHaveBeenCalled();
  });
});
