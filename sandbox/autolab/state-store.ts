/**
 * Persistence of the sandbox state in `dataDir`.
 *
 * Why: with `--data DIR` state survives restarts (issue 3). Writes are async, coalesced and
 * atomic (temp file + rename) so a burst of API calls costs one write and a crash never
 * leaves a half-written file (design.md: async fs on hot paths).
 */
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stateSchema, type SandboxState } from './state.js';

/** Saves and loads the state; a no-op store when no data directory is given. */
export class StateStore {
  private pending: Promise<void> | null = null;
  private dirty = false;

  /** @param dataDir directory to persist into, or undefined for memory only */
  constructor(readonly dataDir: string | undefined) {}

  /**
   * Load the persisted state, if any.
   *
   * @throws Error when the file exists but does not match the schema
   */
  async load(): Promise<SandboxState | null> {
    if (!this.dataDir) return null;
    // 0700/0600: the state holds demo tokens, the client secret and demo passwords.
    await mkdir(join(this.dataDir, 'uploads'), { recursive: true, mode: 0o700 });
    await chmod(this.dataDir, 0o700);
    await chmod(join(this.dataDir, 'uploads'), 0o700);
    await chmod(join(this.dataDir, 'state.json'), 0o600).catch(() => undefined);
    let text: string;
    try {
      text = await readFile(join(this.dataDir, 'state.json'), 'utf8');
    } catch {
      return null;
    }
    return stateSchema.parse(JSON.parse(text));
  }

  /** Schedule a save of the current state (coalesced). */
  save(state: SandboxState): void {
    if (!this.dataDir) return;
    this.dirty = true;
    if (this.pending) return;
    this.pending = (async () => {
      while (this.dirty) {
        this.dirty = false;
        await this.write(state);
      }
    })().finally(() => {
      this.pending = null;
    });
  }

  /** Wait until every scheduled save has reached the disk. */
  async flush(): Promise<void> {
    while (this.pending) await this.pending;
  }

  private async write(state: SandboxState): Promise<void> {
    if (!this.dataDir) return;
    const file = join(this.dataDir, 'state.json');
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(state), { mode: 0o600 });
    await rename(tmp, file);
  }
}
