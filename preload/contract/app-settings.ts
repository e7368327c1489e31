/**
 * Contract schemas of the Settings screen's host-side parts: where downloads
 * go, the offline cache, and "Show in folder" (issue 15).
 */
import { z } from 'zod';

/** `app:settings-get` / `app:settings-set` output. */
export const AppSettingsSchema = z.object({
  /** The folder downloads are saved to; null asks each time (Electron) or uses Downloads (web host). */
  downloadsDir: z.string().nullable(),
  /** What a download without a chosen folder uses (shown as the default). */
  defaultDownloadsHint: z.string(),
  /** Whether this host has a folder picker (the web host saves to Downloads). */
  canChooseFolder: z.boolean(),
  /** Whether this host can reveal a file in the system's file manager. */
  canShowInFolder: z.boolean(),
});
/** @see AppSettingsSchema */
export type AppSettings = z.infer<typeof AppSettingsSchema>;

/** `app:settings-set` input: null forgets the folder. */
export const AppSettingsPatchSchema = z.object({ downloadsDir: z.null() });

/** `cache:info` output. */
export const CacheInfoSchema = z.object({ bytes: z.number().int().nonnegative(), files: z.number().int().nonnegative() });
/** @see CacheInfoSchema */
export type CacheInfo = z.infer<typeof CacheInfoSchema>;

/** `shell:show-in-folder` input: a file the app saved in this session. */
export const ShowInFolderInputSchema = z.object({ path: z.string().min(1).max(4096) });
