/**
 * Read a text file the user handed over (a roster CSV), in either host.
 *
 * Large inputs never travel as one WebSocket frame (issue 11 item 3): the web
 * host's page stages the file over HTTP like a handin, Electron registers its
 * path through the preload; either way main reads it from disk here, bounded.
 */
import { readFile, stat } from 'node:fs/promises';
import type { SubmitInput } from '../../preload/contract';
import { UserError } from '../user-error';
import type { GrantedFiles } from './granted-files';
import type { StagedFiles } from './staged-files';

/** Largest text file read (a 2,000-student roster CSV is ~200 KB). */
export const MAX_UPLOADED_TEXT_BYTES = 16 * 1024 * 1024;

/** A file reference as the contract carries it (staged in the web host, a granted path in Electron). */
export type UploadedFile = SubmitInput['file'];

/** Read an uploaded file as UTF-8 text; a staged file is discarded afterwards. */
export type UploadedTextReader = (file: UploadedFile) => Promise<string>;

/**
 * Build the reader over the host's staged and granted files.
 *
 * The reader throws UserError `file-missing`, `file-not-granted`,
 * `not-a-file` or `too-large`.
 */
export function uploadedTextReader(staged: StagedFiles, granted: GrantedFiles): UploadedTextReader {
  return async (file) => {
    try {
      let filePath: string;
      if (file.kind === 'staged') {
        const entry = staged.get(file.id);
        if (!entry) throw new UserError('file-missing', 'The chosen file is no longer available; choose it again.');
        filePath = entry.path;
      } else {
        filePath = await granted.resolve(file.path);
      }
      if ((await stat(filePath)).size > MAX_UPLOADED_TEXT_BYTES) {
        throw new UserError('too-large', 'That file is larger than 16 MB, far more than any roster; check that you chose the right file.');
      }
      return await readFile(filePath, 'utf8');
    } finally {
      if (file.kind === 'staged') await staged.discard(file.id);
    }
  };
}
