/**
 * Files the web host's page uploaded for a handin, kept until submitted.
 *
 * In Electron a dropped file is read from its own path; a browser page cannot
 * give us a path, so the web host streams the dropped file's bytes into a
 * private temp folder first (`POST /staging`) and the submit refers to it by
 * an unguessable id. The user's own file is never touched either way.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sanitizeFileName } from '../autolab/assessment-download';
import { diskFullError, diskWriteError, isDiskFull } from '../storage/disk-errors';
import { UserError } from '../user-error';

/** A staged file: where its bytes are and the name the user gave it. */
export interface StagedFile {
  id: string;
  path: string;
  name: string;
  size: number;
}

/** Largest file the web host stages (Autolab's own limits are far lower; this only bounds disk use). */
export const MAX_STAGED_BYTES = 1024 * 1024 * 1024;

/** A registry of staged files in one folder. */
export class StagedFiles {
  private readonly files = new Map<string, StagedFile>();

  constructor(private readonly dir: string) {}

  /**
   * Stream `body` into a new staged file.
   *
   * @throws UserError `too-large` past `MAX_STAGED_BYTES`; I/O errors as UserError `staging-failed`.
   */
  async stage(body: Readable, name: string, declaredLength?: number): Promise<StagedFile> {
    if (declaredLength !== undefined && declaredLength > MAX_STAGED_BYTES) {
      throw new UserError('too-large', 'That file is too large to hand in (over 1 GiB).');
    }
    await mkdir(this.dir, { recursive: true, mode: 0o700 }).catch((err: unknown) => {
      throw diskWriteError(err, 'a copy of the dropped file', this.dir);
    });
    const id = randomBytes(16).toString('hex');
    const file = path.join(this.dir, id);
    let size = 0;
    const counter = async function* (source: AsyncIterable<Buffer>) {
      for await (const chunk of source) {
        size += chunk.length;
        if (size > MAX_STAGED_BYTES) throw new UserError('too-large', 'That file is too large to hand in (over 1 GiB).');
        yield chunk;
      }
    };
    try {
      await pipeline(body, counter, createWriteStream(file, { mode: 0o600 }));
    } catch (err) {
      await rm(file, { force: true });
      if (err instanceof UserError) throw err;
      if (isDiskFull(err)) throw diskFullError('a copy of the dropped file', err);
      throw new UserError('staging-failed', 'The file could not be read; try dropping it again.', { cause: err });
    }
    const staged = { id, path: file, name: sanitizeFileName(name, 'handin'), size };
    this.files.set(id, staged);
    return staged;
  }

  /** The staged file with this id, or undefined. */
  get(id: string): StagedFile | undefined {
    return this.files.get(id);
  }

  /** Delete a staged file (after its submit ended). */
  async discard(id: string): Promise<void> {
    const staged = this.files.get(id);
    this.files.delete(id);
    if (staged) await rm(staged.path, { force: true });
  }

  /** Delete every staged file. */
  async clear(): Promise<void> {
    await Promise.all([...this.files.keys()].map((id) => this.discard(id)));
  }
}
