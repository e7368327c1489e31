/**
 * The watcher's user settings on disk: privacy, reminder offsets, muted
 * courses, pause, start at login, and whether the "still in the tray" note was
 * shown.
 *
 * Non-secret JSON in the data folder, validated with zod when read and written
 * atomically (main/storage/json-file.ts), so a settings change survives a
 * restart (issue 6).
 */
import path from 'node:path';
import { z } from 'zod';
import { WatcherSettingsSchema, type WatcherSettings } from '../../preload/contract';
import { readJsonFile, writeJsonFile } from '../storage/json-file';

const FileSchema = WatcherSettingsSchema.extend({ version: z.literal(1), trayNoticeShown: z.boolean() });
type SettingsFile = z.infer<typeof FileSchema>;

/** The name of the settings file in sentences. */
const LABEL = 'your notification settings';

/** The defaults: reminders 24 h and 1 h before `due_at` (issue 6). */
export const DEFAULT_SETTINGS: WatcherSettings = {
  privacy: false,
  reminderOffsetsMin: [24 * 60, 60],
  mutedCourses: [],
  pausedUntil: null,
  startAtLogin: false,
};

/** Loads, holds and saves the watcher settings. */
export class WatcherSettingsStore {
  private data: SettingsFile = { version: 1, ...DEFAULT_SETTINGS, trayNoticeShown: false };
  private readonly file: string;
  private queue: Promise<unknown> = Promise.resolve();

  /** @param onProblem told one sentence when the file was unreadable and kept aside. */
  constructor(dataDir: string, private readonly onProblem?: (sentence: string) => void) {
    this.file = path.join(dataDir, 'watcher-settings.json');
  }

  /** Read the file (defaults when missing; an unreadable file is kept aside). */
  async load(): Promise<void> {
    const read = await readJsonFile(this.file, FileSchema, { label: LABEL, ...(this.onProblem ? { onProblem: this.onProblem } : {}) });
    if (read) this.data = read;
  }

  /** The current settings. */
  get(): WatcherSettings {
    const { version: _v, trayNoticeShown: _t, ...settings } = this.data;
    return structuredClone(settings);
  }

  /**
   * Change some settings and save; the settings in memory change only once saved.
   *
   * @throws UserError `disk-full` or `data-not-writable` (settings unchanged).
   */
  async set(patch: Partial<WatcherSettings>): Promise<WatcherSettings> {
    await this.change((data) => {
      const next = { ...data, ...patch };
      if (patch.reminderOffsetsMin) next.reminderOffsetsMin = [...new Set(patch.reminderOffsetsMin)].sort((a, b) => b - a);
      return FileSchema.parse(next);
    });
    return this.get();
  }

  /** True when notifications are paused at `now`. */
  paused(now: number): boolean {
    return this.data.pausedUntil !== null && this.data.pausedUntil > now;
  }

  /** True when the user turned this course's notifications off. */
  muted(accountId: string, course: string): boolean {
    return this.data.mutedCourses.includes(`${accountId}/${course}`);
  }

  /**
   * Whether the "Autolab Desktop is still running in the tray" note is due; marks it shown.
   *
   * @returns true only the first time ever.
   */
  async takeTrayNotice(): Promise<boolean> {
    if (this.data.trayNoticeShown) return false;
    await this.change((data) => ({ ...data, trayNoticeShown: true }));
    return true;
  }

  /** Apply `edit` to the latest settings, write them, and only then adopt them. */
  private change(edit: (data: SettingsFile) => SettingsFile): Promise<void> {
    const run = this.queue.catch(() => undefined).then(async () => {
      const next = edit(structuredClone(this.data));
      await writeJsonFile(this.file, next, LABEL);
      this.data = next;
    });
    this.queue = run;
    return run;
  }
}

/** Unix ms of the next 08:00 local time after `now` ("until tomorrow"). */
export function tomorrowMorning(now: number): number {
  const d = new Date(now);
  d.setDate(d.getDate() + 1);
  d.setHours(8, 0, 0, 0);
  return d.getTime();
}
