/**
 * The configured Open edX sites, on disk (`openedx-sites.json` in the user-data
 * folder). Non-secret facts only: the client secret and any refresh token live
 * in the SecretStore (`clientSecretKey`, `refreshTokenKey`).
 */
import path from 'node:path';
import { z } from 'zod';
import { SiteIdSchema } from '../../preload/contract';
import { readJsonFile, writeJsonFile } from '../storage/json-file';

/** One site as stored. */
export const SiteRecordSchema = z.object({
  id: SiteIdSchema,
  name: z.string(),
  baseUrl: z.string(),
  clientId: z.string(),
  mode: z.enum(['client-credentials', 'browser']),
  redirectPort: z.number().int().nullable(),
  isDemo: z.boolean(),
  username: z.string().nullable(),
  fullName: z.string().nullable(),
  notice: z.string().nullable(),
  /** Browser mode: true once a refresh token is stored. Client credentials: always true while the secret is stored. */
  signedIn: z.boolean(),
});
/** @see SiteRecordSchema */
export type SiteRecord = z.infer<typeof SiteRecordSchema>;

const FileSchema = z.object({ version: z.literal(1), sites: z.array(SiteRecordSchema) });

/** The SecretStore key of a site's client secret. */
export const clientSecretKey = (siteId: string) => `openedx:${siteId}:client-secret`;

/** Loads, updates and saves the site list; writes are serialised. */
export class SiteStore {
  private sites: SiteRecord[] = [];
  private writing: Promise<void> = Promise.resolve();
  private readonly file: string;

  constructor(
    dataDir: string,
    private readonly onProblem?: (sentence: string) => void,
  ) {
    this.file = path.join(dataDir, 'openedx-sites.json');
  }

  /** Read the list (an unreadable file is kept aside, the user told once, and the list starts empty). */
  async load(): Promise<void> {
    this.sites = (await readJsonFile(this.file, FileSchema, { label: 'the list of Open edX sites', ...(this.onProblem ? { onProblem: this.onProblem } : {}) }))?.sites ?? [];
  }

  /** Every site, in the order added. */
  list(): SiteRecord[] {
    return this.sites.map((s) => ({ ...s }));
  }

  /** One site, or undefined. */
  get(id: string): SiteRecord | undefined {
    const found = this.sites.find((s) => s.id === id);
    return found && { ...found };
  }

  /**
   * Insert or replace a site and save.
   *
   * @throws on disk errors.
   */
  async put(record: SiteRecord): Promise<void> {
    const checked = SiteRecordSchema.parse(record);
    const i = this.sites.findIndex((s) => s.id === checked.id);
    if (i >= 0) this.sites[i] = checked;
    else this.sites.push(checked);
    await this.save();
  }

  /**
   * Change some fields and save; returns the new record.
   *
   * @throws Error when the site does not exist; on disk errors.
   */
  async update(id: string, patch: Partial<Omit<SiteRecord, 'id'>>): Promise<SiteRecord> {
    const current = this.get(id);
    if (!current) throw new Error(`no site ${id}`);
    const next = { ...current, ...patch };
    await this.put(next);
    return next;
  }

  /**
   * Remove a site and save.
   *
   * @throws on disk errors.
   */
  async remove(id: string): Promise<void> {
    this.sites = this.sites.filter((s) => s.id !== id);
    await this.save();
  }

  private save(): Promise<void> {
    const snapshot = { version: 1 as const, sites: this.sites };
    this.writing = this.writing.catch(() => undefined).then(() => writeJsonFile(this.file, snapshot));
    return this.writing;
  }
}
