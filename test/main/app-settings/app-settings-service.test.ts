/**
 * The Settings screen's host side (issue 15): the downloads folder is kept
 * across restarts, the cache is measured and cleared, and "Show in folder"
 * reveals only files the app saved, only where the host can.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppSettingsService } from '../../../main/app-settings/app-settings-service';

describe('app settings service', () => {
  let dir: string;
  const shown: string[] = [];
  let pick: string | null = null;
  const desktop = () => ({ kind: 'electron' as const, chooseFolder: async () => pick, showInFolder: (f: string) => void shown.push(f) });
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ad-settings-'));
    shown.length = 0;
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('keeps the chosen downloads folder across restarts, uses it for downloads, and forgets it on reset', async () => {
    const first = new AppSettingsService({ dataDir: dir, platform: desktop() });
    await first.start();
    expect(first.get()).toMatchObject({ downloadsDir: null, defaultDownloadsHint: 'Ask each time', canShowInFolder: true, canChooseFolder: true });
    pick = path.join(dir, 'handins');
    expect((await first.chooseDownloads()).downloadsDir).toBe(pick);
    pick = null; // a cancelled dialog changes nothing
    expect((await first.chooseDownloads()).downloadsDir).toBe(path.join(dir, 'handins'));
    const again = new AppSettingsService({ dataDir: dir, platform: desktop() });
    await again.start();
    expect(await again.folderForDownload()).toBe(path.join(dir, 'handins'));
    expect((await again.reset()).downloadsDir).toBeNull();
    expect(await again.folderForDownload()).toBeNull(); // back to asking (the dialog answered null here)
  });

  it('measures and clears the offline cache', async () => {
    const service = new AppSettingsService({ dataDir: dir, platform: desktop() });
    await mkdir(path.join(dir, 'cache', 'acct'), { recursive: true });
    await writeFile(path.join(dir, 'cache', 'acct', 'a.json'), 'x'.repeat(1000));
    await writeFile(path.join(dir, 'cache', 'acct', 'b.json'), 'y'.repeat(24));
    expect(await service.cacheInfo()).toEqual({ bytes: 1024, files: 2 });
    expect(await service.clearCache()).toEqual({ bytes: 0, files: 0 });
  });

  it('shows in its folder only a file the app saved, and never in the web host', async () => {
    const service = new AppSettingsService({ dataDir: dir, platform: desktop() });
    const saved = path.join(dir, 'writeup.pdf');
    expect(service.showInFolder(saved)).toEqual({ shown: false });
    service.rememberSaved(saved);
    expect(service.showInFolder(path.join(dir, '.', 'writeup.pdf'))).toEqual({ shown: true });
    expect(service.showInFolder('/etc/passwd')).toEqual({ shown: false });
    expect(shown).toEqual([saved]);
    const web = new AppSettingsService({ dataDir: dir, platform: { kind: 'web', chooseFolder: async () => dir } });
    web.rememberSaved(saved);
    expect(web.get()).toMatchObject({ canShowInFolder: false, canChooseFolder: false, defaultDownloadsHint: 'Your Downloads folder' });
    expect((await web.chooseDownloads()).downloadsDir).toBeNull();
    expect(web.showInFolder(saved)).toEqual({ shown: false });
  });
});
