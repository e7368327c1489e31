/**
 * Hand a user's file to main for `submit:start`, in either host.
 *
 * In Electron the preload exposes `pathForFile(file)` (webUtils.getPathForFile)
 * and main streams from that path: the file is never copied, moved or changed.
 * In the web host the browser cannot give a path, so the bytes are staged
 * first: `POST /staging` on the page's own origin with the launch secret,
 * answered with `{ "id": "<32 hex>" }`.
 */
import { API_GLOBAL, type SubmitInput } from '../../preload/contract';
import { launchSecret } from './ws-bridge';

/** What `submit:start` takes as `file`. */
export type PreparedFile = SubmitInput['file'];

/** A preparation that can be cancelled. */
export interface Preparation {
  done: Promise<PreparedFile>;
  cancel(): void;
}

/** Thrown when the user cancelled the staging. */
export class PrepareCancelled extends Error {
  constructor() {
    super('Upload cancelled.');
    this.name = 'PrepareCancelled';
  }
}

type PathBridge = { pathForFile?: (file: File) => Promise<string> };

/**
 * Prepare a file; `onProgress(sent, total)` reports staging bytes (web host only).
 *
 * @throws Error with a user sentence when staging fails, or PrepareCancelled.
 */
export function prepareFile(file: File, onProgress: (sent: number, total: number) => void): Preparation {
  const bridge = (window as unknown as Record<string, PathBridge | undefined>)[API_GLOBAL];
  if (bridge?.pathForFile) {
    // Electron: main accepts only paths the preload registered from a real File.
    const done = bridge.pathForFile(file).then((path): PreparedFile => {
      if (!path) throw new Error('Autolab Desktop cannot submit that; drop a regular file (not a folder, device or pipe).');
      return { kind: 'path', path };
    });
    return { done, cancel() {} };
  }
  const xhr = new XMLHttpRequest();
  const done = new Promise<PreparedFile>((resolve, reject) => {
    xhr.open('POST', '/staging');
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('X-Autolab-Secret', launchSecret());
    xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onabort = () => reject(new PrepareCancelled());
    xhr.onerror = () => reject(new Error('The file could not be handed to Autolab Desktop; make sure it is still running and try again.'));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // fall through to the sentence below
      }
      const id = (body as { id?: unknown } | null)?.id;
      if (xhr.status >= 200 && xhr.status < 300 && typeof id === 'string' && /^[a-f0-9]{32}$/.test(id)) {
        resolve({ kind: 'staged', id });
        return;
      }
      const message = (body as { message?: unknown } | null)?.message;
      reject(new Error(typeof message === 'string' ? message : 'Autolab Desktop could not read the file; try again.'));
    };
    xhr.send(file);
  });
  return { done, cancel: () => xhr.abort() };
}
