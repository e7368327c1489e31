/**
 * The host-side part of the Settings screen (issue 15): where downloads go,
 * the offline cache's size and clearing it, and "Show in folder".
 *
 * The downloads folder is kept in `app-settings.json` in the data folder
 * (non-secret, validated on read). "Show in folder" only reveals files the app
 * itself saved in this session, so a compromised renderer cannot probe the disk.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { AppSettings, CacheInfo } from '../../preload/contract';
import type { Platform } from '../platform';
import { readJsonFile, writeJsonFile } from '../storage/json-file';

const FileSchema = z.object({ downloadsDir: z.string().min(1).nullable() });

/** What the service needs. */
export interface AppSettingsDeps {
  dataDir: string;
  platform: Pick<Platform, 'kind' | 'chooseFolder' | 'showInFolder'>;
}

/** Sum the sizes of every file under `dir` (0 when it does not exist). */
async function folderSize(dir: string): Promise<CacheInfo> {
  let bytes = 0;
  let files = 0;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch {
    return { bytes: 0, files: 0 };
  }
  for (const e of entries) {
    if (!e.isFile()) continue;
    const size = await stat(path.join(e.parentPath, e.name)).then((s) => s.size, () => 0);
    bytes += size;
    files += 1;
  }
  return { bytes, files };
}

/** Downloads folder, cache and "Show in folder". */
export class AppSettingsService {
  private downloadsDir: string | null = null;
  private readonly saved = new Set<string>();
  private readonly file: string;

  constructor(private readonly deps: AppSettingsDeps) {
    this.file = path.join(deps.dataDir, 'app-settings.json');
  }

  /** Load the saved settings (missing or invalid: defaults). */
  async start(): Promise<void> {
    const saved = await readJsonFile(this.file, FileSchema).catch(() => null);
    this.downloadsDir = saved?.downloadsDir ?? null;
  }

  /** `app:settings-get`. */
  get(): AppSettings {
    const web = this.deps.platform.kind === 'web';
    return {
      downloadsDir: this.downloadsDir,
      defaultDownloadsHint: web ? 'Your Downloads folder' : 'Ask each time',
      canChooseFolder: !web,
      canShowInFolder: this.deps.platform.showInFolder !== undefined,
    };
  }

  /** `app:settings-set`: forget the chosen folder. */
  async reset(): Promise<AppSettings> {
    this.downloadsDir = null;
    await writeJsonFile(this.file, { downloadsDir: null });
    return this.get();
  }

  /** `app:choose-downloads`: ask the user for a folder (unchanged when they cancel; the web host has no picker). */
  async chooseDownloads(): Promise<AppSettings> {
    if (this.deps.platform.kind === 'web') return this.get();
    const folder = await this.deps.platform.chooseFolder();
    if (folder) {
      this.downloadsDir = folder;
      await writeJsonFile(this.file, { downloadsDir: folder });
    }
    return this.get();
  }

  /** Where a download goes: the chosen folder, or the platform's own choice. */
  async folderForDownload(): Promise<string | null> {
    return this.downloadsDir ?? this.deps.platform.chooseFolder();
  }

  /** Remember a file the app saved, so it may be shown in its folder. */
  rememberSaved(file: string): void {
    this.saved.add(path.resolve(file));
  }

  /** `shell:show-in-folder`: only files saved in this session, only where the host can. */
  showInFolder(file: string): { shown: boolean } {
    const resolved = path.resolve(file);
    if (!this.saved.has(resolved) || !this.deps.platform.showInFolder) return { shown: false };
    this.deps.platform.showInFolder(resolved);
    return { shown: true };
  }

  /** `cache:info`: what the offline cache holds on disk. */
  cacheInfo(): Promise<CacheInfo> {
    return folderSize(path.join(this.deps.dataDir, 'cache'));
  }

  /** `cache:clear`: delete the offline cache (it is rebuilt from the server as screens load). */
  async clearCache(): Promise<CacheInfo> {
    await rm(path.join(this.deps.dataDir, 'cache'), { recursive: true, force: true });
    return this.cacheInfo();
  }
}
