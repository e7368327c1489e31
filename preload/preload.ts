/**
 * The Electron preload: exposes the contract, one function per channel.
 *
 * Runs sandboxed with context isolation; it hands the renderer nothing but
 * these fixed functions (never `ipcRenderer` itself or a generic invoke), so a
 * compromised page can only make the calls the contract defines, and main
 * still validates each one.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { API_GLOBAL, CHANNEL_NAMES, EVENT_CHANNEL, FILE_GRANT_CHANNEL, methodName } from './bridge-names';
import type { IpcResult } from './contract';

const bridge: Record<string, unknown> = {};
for (const channel of CHANNEL_NAMES) {
  bridge[methodName(channel)] = (input?: unknown): Promise<IpcResult> => ipcRenderer.invoke(channel, input);
}
bridge.onEvent = (listener: (event: string, payload: unknown) => void) => {
  const wrapped = (_e: IpcRendererEvent, event: string, payload: unknown) => listener(event, payload);
  ipcRenderer.on(EVENT_CHANNEL, wrapped);
  return () => ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
};

// The path of a file the user dropped or picked, so main can stream it from disk
// (the renderer never reads large files into memory). The path comes from the
// File itself (a page cannot forge it) and is registered with main, which
// accepts only registered paths for submit:start; '' when there is none or
// main refused it (not a regular file).
bridge.pathForFile = async (file: File): Promise<string> => {
  const filePath = webUtils.getPathForFile(file);
  if (!filePath) return '';
  return (await ipcRenderer.invoke(FILE_GRANT_CHANNEL, filePath)) === true ? filePath : '';
};

contextBridge.exposeInMainWorld(API_GLOBAL, bridge);
