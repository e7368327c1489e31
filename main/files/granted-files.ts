/**
 * Files the user handed to the app in its own window (issue 11 item 2).
 *
 * `submit:start` with `{kind: 'path'}` would otherwise upload any file the
 * user can read to whoever holds the IPC channel (a compromised renderer).
 * In Electron a path is accepted only when the preload registered it from a
 * real dropped or picked `File` (webUtils.getPathForFile, which a page cannot
 * forge) or main's own dialog chose it; the web host registers none, so there
 * only staged uploads work. At grant time and again at use the path must be
 * a regular file (no FIFO, device, directory or socket) and still the same
 * file (same real path, device and inode), so a symlink swapped in after the
 * drop cannot redirect the upload.
 */
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../user-error';

/** At most this many grants are kept (the oldest is forgotten). */
const MAX_GRANTS = 256;

const notGranted = () =>
  new UserError('file-not-granted', 'Autolab Desktop submits only files you dropped on or picked in its window; drop the file again.');
const notRegular = () => new UserError('not-a-file', 'That is not a regular file (a folder, device or pipe cannot be submitted); choose the file itself.');

/** The set of paths main may read for a submission. */
export class GrantedFiles {
  private readonly grants = new Map<string, { real: string; dev: number; ino: number }>();

  /**
   * Register a path the user handed over.
   *
   * @throws UserError `not-a-file` when it is not an absolute path to a regular file.
   */
  async grant(filePath: string): Promise<void> {
    if (!path.isAbsolute(filePath)) throw notRegular();
    const real = await realpath(filePath).catch(() => {
      throw notRegular();
    });
    const st = await stat(real);
    if (!st.isFile()) throw notRegular();
    this.grants.delete(path.resolve(filePath));
    this.grants.set(path.resolve(filePath), { real, dev: st.dev, ino: st.ino });
    while (this.grants.size > MAX_GRANTS) this.grants.delete(this.grants.keys().next().value as string);
  }

  /**
   * The real path to read for a granted `filePath`.
   *
   * @throws UserError `file-not-granted` when it was never granted;
   *   `not-a-file` when it is no longer the same regular file.
   */
  async resolve(filePath: string): Promise<string> {
    const grant = path.isAbsolute(filePath) ? this.grants.get(path.resolve(filePath)) : undefined;
    if (!grant) throw notGranted();
    const real = await realpath(filePath).catch(() => {
      throw new UserError('file-missing', 'That file is no longer there; drop it again.');
    });
    const st = await stat(real);
    if (real !== grant.real || !st.isFile() || st.dev !== grant.dev || st.ino !== grant.ino) throw notRegular();
    return real;
  }
}
