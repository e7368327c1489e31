/**
 * The tray (issue 6): its menu (Open, the next deadlines, pause for 1 h /
 * until tomorrow, Quit), and the unseen count on the tooltip, icon and badge.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppTray, type TrayModel } from '../../../main/electron/tray';
import type { FakeMenu } from './electron-mock';

const m = await vi.hoisted(async () => await import('./electron-mock'));
vi.mock('electron', () => m.electron);

type Item = Electron.MenuItemConstructorOptions;
const click = (item: Item | undefined) => (item?.click as (() => void) | undefined)?.();
const menuOf = (tray: InstanceType<typeof m.FakeTray>) => (tray.menu as FakeMenu).template;
const find = (tray: InstanceType<typeof m.FakeTray>, label: RegExp) => menuOf(tray).find((i) => i.label !== undefined && label.test(i.label));

let model: TrayModel & { [K in keyof TrayModel]: ReturnType<typeof vi.fn> };
let deadlines: Array<{ label: string; open: ReturnType<typeof vi.fn> }>;
const originalPlatform = process.platform;
const setPlatform = (p: NodeJS.Platform) => Object.defineProperty(process, 'platform', { value: p, configurable: true });

beforeEach(() => {
  m.resetElectronMock();
  deadlines = ['datalab — Mon, Sep 8, 11:59 PM', 'bomblab — Mon, Sep 22, 11:59 PM', 'attacklab — Mon, Oct 6, 11:59 PM', 'cachelab — Mon, Oct 20'].map((label) => ({ label, open: vi.fn() }));
  model = { nextDeadlines: vi.fn(() => deadlines), pause: vi.fn(), open: vi.fn(), quit: vi.fn() } as typeof model;
});
afterEach(() => setPlatform(originalPlatform));

describe('tray', () => {
  it('builds the menu: Open, the next three deadlines, pause for 1 hour / until tomorrow, Quit', () => {
    new AppTray(model);
    const tray = m.FakeTray.instances[0]!;
    expect(m.Menu.buildFromTemplate).toHaveBeenCalled();
    expect(menuOf(tray).map((i) => i.type ?? i.label)).toEqual([
      'Open Autolab Desktop',
      'separator',
      'Next deadlines',
      'datalab — Mon, Sep 8, 11:59 PM',
      'bomblab — Mon, Sep 22, 11:59 PM',
      'attacklab — Mon, Oct 6, 11:59 PM',
      'separator',
      'Pause notifications for 1 hour',
      'Pause notifications until tomorrow',
      'separator',
      'Quit',
    ]);
    expect(find(tray, /^Next deadlines$/)?.enabled).toBe(false);
  });

  it('says "None coming up" (disabled) when there are no deadlines', () => {
    deadlines = [];
    new AppTray(model);
    const none = find(m.FakeTray.instances[0]!, /None coming up/);
    expect(none?.enabled).toBe(false);
  });

  it('each menu item calls its own action: open, a deadline, pause 1h, pause until tomorrow, quit', () => {
    new AppTray(model);
    const tray = m.FakeTray.instances[0]!;
    click(find(tray, /^Open/));
    expect(model.open).toHaveBeenCalledTimes(1);
    click(find(tray, /^bomblab/));
    expect(deadlines[1]!.open).toHaveBeenCalledTimes(1);
    expect(deadlines[0]!.open).not.toHaveBeenCalled();
    click(find(tray, /1 hour/));
    click(find(tray, /until tomorrow/));
    expect(model.pause.mock.calls).toEqual([['1h'], ['tomorrow']]);
    expect(model.quit).not.toHaveBeenCalled();
    click(find(tray, /^Quit$/));
    expect(model.quit).toHaveBeenCalledTimes(1);
  });

  it('clicking the tray icon opens the app', () => {
    new AppTray(model);
    m.FakeTray.instances[0]!.emit('click');
    expect(model.open).toHaveBeenCalledTimes(1);
  });

  it('shows the unseen count in the tooltip and as a dot on the icon, and clears both at zero', () => {
    const appTray = new AppTray(model);
    const tray = m.FakeTray.instances[0]!;
    const plain = tray.image;
    expect(tray.tooltip).toBe('Autolab Desktop');
    appTray.setUnseen(3);
    expect(tray.tooltip).toBe('Autolab Desktop — 3 new');
    expect(tray.image).not.toBe(plain);
    expect(tray.image.bitmap.equals(plain.bitmap)).toBe(false);
    appTray.setUnseen(0);
    expect(tray.tooltip).toBe('Autolab Desktop');
    expect(tray.image).toBe(plain);
  });

  it('draws 32×32 BGRA icons for nativeImage', () => {
    new AppTray(model);
    for (const [buffer, options] of m.nativeImage.createFromBitmap.mock.calls) {
      expect(options).toEqual({ width: 32, height: 32 });
      expect(buffer.length).toBe(32 * 32 * 4);
    }
  });

  it('sets the dock badge on macOS only', () => {
    setPlatform('darwin');
    new AppTray(model).setUnseen(2);
    expect(m.app.setBadgeCount).toHaveBeenCalledWith(2);
    m.app.setBadgeCount.mockClear();
    for (const p of ['linux', 'win32'] as const) {
      setPlatform(p);
      new AppTray(model).setUnseen(5);
    }
    expect(m.app.setBadgeCount).not.toHaveBeenCalled();
  });

  it('rebuilds the menu with the current deadlines on refresh', () => {
    const appTray = new AppTray(model);
    deadlines = deadlines.slice(2);
    appTray.refresh();
    expect(find(m.FakeTray.instances[0]!, /^datalab/)).toBeUndefined();
    expect(find(m.FakeTray.instances[0]!, /^attacklab/)).toBeDefined();
  });
});
