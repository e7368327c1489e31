/**
 * The preload exposes the contract and nothing else: one function per
 * channel, `onEvent` and `pathForFile`, never `ipcRenderer` or a generic invoke.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { API_GLOBAL, CHANNEL_NAMES, EVENT_CHANNEL, FILE_GRANT_CHANNEL, methodName } from '../../preload/bridge-names';

const m = await vi.hoisted(async () => await import('../main/electron/electron-mock'));
vi.mock('electron', () => m.electron);

let bridge: Record<string, unknown>;
beforeAll(async () => {
  m.resetElectronMock();
  await import('../../preload/preload');
  expect(m.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
  const [name, api] = m.contextBridge.exposeInMainWorld.mock.calls[0]!;
  expect(name).toBe(API_GLOBAL);
  bridge = api as Record<string, unknown>;
});

describe('preload', () => {
  it('exposes exactly one function per contract channel plus onEvent and pathForFile', () => {
    const expected = [...CHANNEL_NAMES.map(methodName), 'onEvent', 'pathForFile'].sort();
    expect(Object.keys(bridge).sort()).toEqual(expected);
    for (const value of Object.values(bridge)) expect(value).toBeTypeOf('function');
  });

  it('exposes no generic invoke/send and not ipcRenderer itself', () => {
    for (const forbidden of ['invoke', 'send', 'sendSync', 'on', 'ipcRenderer', 'postMessage']) expect(bridge).not.toHaveProperty(forbidden);
    expect(Object.values(bridge)).not.toContain(m.ipcRenderer);
    expect(Object.values(bridge)).not.toContain(m.ipcRenderer.invoke);
  });

  it('each function invokes only its own channel with its input, and returns the answer', async () => {
    for (const channel of CHANNEL_NAMES) {
      m.ipcRenderer.invoke.mockClear();
      m.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, output: channel });
      const input = { probe: channel };
      const answer = await (bridge[methodName(channel)] as (i: unknown) => Promise<unknown>)(input);
      expect(answer).toEqual({ ok: true, output: channel });
      expect(m.ipcRenderer.invoke.mock.calls).toEqual([[channel, input]]);
    }
  });

  it('onEvent delivers events from EVENT_CHANNEL only, and its return value unsubscribes', () => {
    const listener = vi.fn();
    const off = (bridge.onEvent as (l: typeof listener) => () => void)(listener);
    m.ipcRenderer.emit(EVENT_CHANNEL, { sender: null }, 'activity:changed', { unseen: 1 });
    m.ipcRenderer.emit('some-other-channel', { sender: null }, 'activity:changed', { unseen: 2 });
    expect(listener.mock.calls).toEqual([['activity:changed', { unseen: 1 }]]);
    off();
    expect(m.ipcRenderer.listenerCount(EVENT_CHANNEL)).toBe(0);
    m.ipcRenderer.emit(EVENT_CHANNEL, { sender: null }, 'activity:changed', { unseen: 3 });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('the IPC event object never reaches the page listener', () => {
    const listener = vi.fn();
    const off = (bridge.onEvent as (l: typeof listener) => () => void)(listener);
    m.ipcRenderer.emit(EVENT_CHANNEL, { sender: m.ipcRenderer }, 'app:notice', { level: 'info', message: 'hi' });
    off();
    expect(listener.mock.calls[0]).toEqual(['app:notice', { level: 'info', message: 'hi' }]);
  });

  it('pathForFile asks webUtils.getPathForFile for the dropped file and registers it with main', async () => {
    const file = { name: 'handin.tar' } as unknown as File;
    m.ipcRenderer.invoke.mockClear();
    m.ipcRenderer.invoke.mockResolvedValueOnce(true);
    expect(await (bridge.pathForFile as (f: File) => Promise<string>)(file)).toBe('/home/student/handin.tar');
    expect(m.webUtils.getPathForFile).toHaveBeenCalledWith(file);
    expect(m.ipcRenderer.invoke.mock.calls).toEqual([[FILE_GRANT_CHANNEL, '/home/student/handin.tar']]);
    // Main refused it (not a regular file): no path.
    m.ipcRenderer.invoke.mockResolvedValueOnce(false);
    expect(await (bridge.pathForFile as (f: File) => Promise<string>)(file)).toBe('');
  });
});
