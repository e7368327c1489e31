/**
 * One sentence for a failed write to the disk.
 *
 * A full disk used to surface as "the file could not be read" or "something
 * went wrong" (issue 10 item 5); every writer of the app (data files, the
 * offline cache, staged handins, downloads) maps its error through here so a
 * full disk says the disk is full.
 */
import { UserError } from '../user-error';

/** Error codes that mean "no space left": the disk, or the user's quota. */
const FULL = new Set(['ENOSPC', 'EDQUOT']);

/** The errno code of an error or of one of its causes. */
function errnoCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** True when `err` (or its cause) says the disk or the quota is full. */
export function isDiskFull(err: unknown): boolean {
  return FULL.has(errnoCode(err) ?? '');
}

/** The user sentence of a full disk, naming what could not be saved. */
export function diskFullError(what: string, cause?: unknown): UserError {
  return new UserError('disk-full', `The disk is full, so ${what} could not be saved; free some space and try again.`, { cause });
}

/**
 * Map a write failure to a UserError; a UserError passes unchanged.
 *
 * @param what what was being saved ("your account list").
 * @param where the file, named in the sentence when it is not a full disk.
 */
export function diskWriteError(err: unknown, what: string, where: string): UserError {
  if (err instanceof UserError) return err;
  if (isDiskFull(err)) return diskFullError(what, err);
  const code = errnoCode(err);
  if (code === 'EISDIR' || code === 'ENOTDIR' || code === 'ENOTEMPTY' || code === 'EEXIST') {
    return new UserError('data-not-writable', `${capitalize(what)} could not be saved because ${where} is a folder, not a file; move it away and try again.`, { cause: err });
  }
  if (code === 'EROFS') return new UserError('data-not-writable', `${capitalize(what)} could not be saved because the disk is read-only.`, { cause: err });
  return new UserError('data-not-writable', `${capitalize(what)} could not be saved to ${where}; check that your user folder is writable.`, { cause: err });
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
