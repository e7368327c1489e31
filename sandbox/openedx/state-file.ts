/**
 * Persisting the Open edX sandbox state under `--data DIR`: coalesced, atomic
 * writes (temp file + rename), so a burst of requests costs one write and a
 * crash never leaves half a file.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EdxState } from './state.js';

/** Loads and saves `openedx-state.json`. */
export class EdxStateFile {
  private pending: Promise<void> | null = null;
  private again = false;

  constructor(private readonly dir: string | undefined) {}

  /**
   * The saved state, or null when there is none (or no data dir).
   *
   * @throws Error when the file exists but is not a sandbox state.
   */
  async load(): Promise<EdxState | null> {
    if (!this.dir) return null;
    let text: string;
    try {
      text = await readFile(join(this.dir, 'openedx-state.json'), 'utf8');
    } catch {
      return null;
    }
    const value = JSON.parse(text) as EdxState;
    if (value?.version !== 1 || !Array.isArray(value.users) || !Array.isArray(value.courses)) throw new Error('openedx-state.json is not an Open edX sandbox state');
    return value;
  }

  /** Schedule a write of `state` (coalesced). */
  save(state: EdxState): void {
    if (!this.dir) return;
    if (this.pending) {
      this.again = true;
      return;
    }
    this.pending = (async () => {
      do {
        this.again = false;
        await this.write(state).catch(() => undefined);
      } while (this.again);
      this.pending = null;
    })();
  }

  /** Wait for writes in flight. */
  async flush(): Promise<void> {
    await this.pending;
  }

  private async write(state: EdxState): Promise<void> {
    const dir = this.dir as string;
    await mkdir(dir, { recursive: true });
    const file = join(dir, 'openedx-state.json');
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(state));
    await rename(tmp, file);
  }
}
