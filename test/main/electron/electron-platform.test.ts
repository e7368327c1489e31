/**
 * The Electron `Platform`: the system browser only for http(s), dialogs,
 * native notifications whose click opens their target, power events.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createElectronPlatform } from '../../../main/electron/electron-platform';

const m = await vi.hoisted(async () => await import('./electron-mock'));
vi.mock('electron', () => m.electron);

const hooks = { open: vi.fn(), setUnseenCount: vi.fn() };
let platform: ReturnType<typeof createElectronPlatform>;
beforeEach(() => {
  m.resetElectronMock();
  hooks.open.mockReset();
  hooks.setUnseenCount.mockReset();
  platform = createElectronPlatform(hooks);
});

describe('electron-platform: openExternal', () => {
  it('refuses file:, javascript:, smb: and other non-http(s) URLs without calling shell.openExternal', async () => {
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://evil.example/share', 'ms-settings:privacy', 'data:text/html,hi', 'not a url', '']) {
      expect(await platform.openExternal(url), url).toBe(false);
    }
    expect(m.shell.openExternal).not.toHaveBeenCalled();
  });

  it('opens http and https URLs in the system browser, normalised', async () => {
    expect(await platform.openExternal('https://autolab.example.edu/oauth/authorize?x=1')).toBe(true);
    expect(await platform.openExternal('HTTP://127.0.0.1:3000/activate')).toBe(true);
    expect(m.shell.openExternal.mock.calls.map((c) => c[0])).toEqual(['https://autolab.example.edu/oauth/authorize?x=1', 'http://127.0.0.1:3000/activate']);
  });

  it('answers false instead of throwing when the system browser cannot be opened', async () => {
    m.shell.openExternal.mockRejectedValueOnce(new Error('no handler'));
    expect(await platform.openExternal('https://autolab.example.edu/')).toBe(false);
  });
});

describe('electron-platform: dialogs', () => {
  it('chooseFolder returns null when the user cancels', async () => {
    m.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    expect(await platform.chooseFolder()).toBeNull();
  });

  it('chooseFolder returns the chosen folder, asking for a directory, attached to the focused window', async () => {
    const win = new m.FakeBrowserWindow();
    m.FakeBrowserWindow.getFocusedWindow.mockReturnValue(win as never);
    m.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/home/student/Downloads'] });
    expect(await platform.chooseFolder()).toBe('/home/student/Downloads');
    const [parent, options] = m.dialog.showOpenDialog.mock.calls[0]!;
    expect(parent).toBe(win);
    expect((options as Electron.OpenDialogOptions).properties).toContain('openDirectory');
  });

  it('chooseSaveFile returns null on cancel and the path otherwise, suggesting the name', async () => {
    expect(await platform.chooseSaveFile!('autolab-deadlines.ics')).toBeNull();
    m.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '/home/student/deadlines.ics' });
    expect(await platform.chooseSaveFile!('autolab-deadlines.ics')).toBe('/home/student/deadlines.ics');
    expect(m.dialog.showSaveDialog.mock.calls[1]?.[0]).toMatchObject({ defaultPath: 'autolab-deadlines.ics' });
  });
});

describe('electron-platform: notifications and unseen count', () => {
  const target = { accountId: 'acct-1', course: 'c15213', assessment: 'datalab', version: 3 };

  it('shows a native notification whose click opens its target', () => {
    platform.showNotification!({ id: 'n1', title: 'datalab graded', body: '92/100', target });
    expect(m.FakeNotification.instances).toHaveLength(1);
    const note = m.FakeNotification.instances[0]!;
    expect(note.options).toMatchObject({ title: 'datalab graded', body: '92/100' });
    expect(note.show).toHaveBeenCalled();
    expect(hooks.open).not.toHaveBeenCalled();
    note.emit('click');
    expect(hooks.open).toHaveBeenCalledWith(target);
  });

  it('a notification without a target just opens the app', () => {
    platform.showNotification!({ id: 'n2', title: 'Autolab Desktop is still running', body: '…', target: null });
    m.FakeNotification.instances[0]!.emit('click');
    expect(hooks.open).toHaveBeenCalledWith(null);
  });

  it('an Open edX notification opens its course', () => {
    const openedx = { siteId: 'edx-1', courseKey: 'course-v1:A+B+C' };
    platform.showNotification!({ id: 'n4', title: 'B: grade changed', body: '…', target: null, openedx });
    m.FakeNotification.instances[0]!.emit('click');
    expect(hooks.open).toHaveBeenCalledWith(null, openedx);
  });

  it('shows nothing where notifications are not supported', () => {
    m.state.notificationsSupported = false;
    platform.showNotification!({ id: 'n3', title: 't', body: 'b', target });
    expect(m.FakeNotification.instances).toHaveLength(0);
  });

  it('passes the unseen count to the shell (tray and badge)', () => {
    platform.setUnseenCount!(4);
    expect(hooks.setUnseenCount).toHaveBeenCalledWith(4);
  });
});

describe('electron-platform: power and login items', () => {
  it('reports suspend and resume from powerMonitor until unsubscribed', () => {
    const listener = vi.fn();
    const off = platform.onPowerChange!(listener);
    m.powerMonitor.emit('suspend');
    m.powerMonitor.emit('resume');
    off();
    m.powerMonitor.emit('suspend');
    expect(listener.mock.calls).toEqual([['suspend'], ['resume']]);
    expect(m.powerMonitor.listenerCount('suspend')).toBe(0);
  });

  it('sets the login item when start-at-login changes', () => {
    platform.setStartAtLogin!(true);
    expect(m.app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true });
  });
});
