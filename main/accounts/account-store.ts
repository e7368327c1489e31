/**
 * The list of configured Autolab servers and their accounts, on disk.
 *
 * Non-secret facts only (base URL, client id, who is signed in, granted
 * scopes); client secrets and tokens live in the SecretStore under
 * `secretKey(id, …)`. Stored as `accounts.json` in the user-data folder.
 */
import path from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeJsonFile } from '../storage/json-file';

/** One account record as stored. */
export const AccountRecordSchema = z.object({
  id: z.string(),
  name: z.string(),
  baseUrl: z.string(),
  clientId: z.string(),
  isDemo: z.boolean(),
  identity: z.object({ email: z.string(), firstName: z.string(), lastName: z.string() }).nullable(),
  /** The scopes the server granted at the last sign-in (the token response's `scope`); empty before one. */
  scopes: z.array(z.string()),
  /** True when sign-in should also ask for `instructor_all` (the user teaches on this Autolab). */
  instructorAccess: z.boolean().default(false),
  notice: z.string().nullable(),
  /** True once a refresh token has been stored for this account. */
  signedIn: z.boolean(),
});
/** @see AccountRecordSchema */
export type AccountRecord = z.infer<typeof AccountRecordSchema>;

/** The scopes a student needs (autolab-api.md §2.10, §9). */
export const STUDENT_SCOPES: readonly string[] = ['user_info', 'user_courses', 'user_scores', 'user_submit'];

/**
 * The scopes a sign-in of this account asks for.
 *
 * Why: students are asked only for what they use; `instructor_all` is asked
 * for only when the user said they teach here (issue 12), so a student never
 * sees "Instructor operations" on Autolab's consent page.
 */
export function requestedScopes(record: Pick<AccountRecord, 'instructorAccess'>): string[] {
  return record.instructorAccess ? [...STUDENT_SCOPES, 'instructor_all'] : [...STUDENT_SCOPES];
}

const FileSchema = z.object({ version: z.literal(1), accounts: z.array(AccountRecordSchema) });

/** The secrets kept per account. */
export type AccountSecret = 'client-secret' | 'refresh-token' | 'access-token';

/** The SecretStore key of an account's secret. */
export function secretKey(accountId: string, secret: AccountSecret): string {
  return `account:${accountId}:${secret}`;
}

/** Loads, updates and saves the account list; writes are serialised. */
export class AccountStore {
  private accounts: AccountRecord[] = [];
  private writing: Promise<void> = Promise.resolve();
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'accounts.json');
  }

  /** Read the list from disk (an unreadable file starts an empty list). */
  async load(): Promise<void> {
    this.accounts = (await readJsonFile(this.file, FileSchema))?.accounts ?? [];
  }

  /** Every account, in the order added. */
  list(): AccountRecord[] {
    return this.accounts.map((a) => ({ ...a }));
  }

  /** One account, or undefined. */
  get(id: string): AccountRecord | undefined {
    const found = this.accounts.find((a) => a.id === id);
    return found && { ...found };
  }

  /**
   * Insert or replace an account and save.
   *
   * @throws on disk errors.
   */
  async put(record: AccountRecord): Promise<void> {
    const checked = AccountRecordSchema.parse(record);
    const i = this.accounts.findIndex((a) => a.id === checked.id);
    if (i >= 0) this.accounts[i] = checked;
    else this.accounts.push(checked);
    await this.save();
  }

  /** Change some fields of an account and save; returns the new record. */
  async update(id: string, patch: Partial<Omit<AccountRecord, 'id'>>): Promise<AccountRecord> {
    const current = this.get(id);
    if (!current) throw new Error(`no account ${id}`);
    const next = { ...current, ...patch };
    await this.put(next);
    return next;
  }

  /** Remove an account and save. */
  async remove(id: string): Promise<void> {
    this.accounts = this.accounts.filter((a) => a.id !== id);
    await this.save();
  }

  private save(): Promise<void> {
    const snapshot = { version: 1 as const, accounts: this.accounts };
    this.writing = this.writing.catch(() => undefined).then(() => writeJsonFile(this.file, snapshot));
    return this.writing;
  }
}
