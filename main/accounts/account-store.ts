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
  /** True when the sign-in that gave `scopes` asked for `instructor_all` (so its absence means "not granted"). */
  instructorAskedAtSignIn: z.boolean().default(false),
  notice: z.string().nullable(),
  /** True once a refresh token has been stored for this account. */
  signedIn: z.boolean(),
});
/** @see AccountRecordSchema */
export type AccountRecord = z.infer<typeof AccountRecordSchema>;
/** A record as callers may write it (fields with defaults, such as `instructorAccess`, may be left out). */
export type AccountRecordInput = z.input<typeof AccountRecordSchema>;

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

/** The name of the account list in sentences. */
const LABEL = 'your list of Autolab servers';

/**
 * Loads, updates and saves the account list.
 *
 * Changes are serialised, and the list in memory changes only after the new
 * list is on the disk (issue 10 item 5: a full disk must not show an account
 * as added that was never saved).
 */
export class AccountStore {
  private accounts: AccountRecord[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private readonly file: string;

  /** @param onProblem told one sentence when the file was unreadable and kept aside. */
  constructor(dataDir: string, private readonly onProblem?: (sentence: string) => void) {
    this.file = path.join(dataDir, 'accounts.json');
  }

  /**
   * Read the list from disk; an unreadable file is kept aside and the list starts empty.
   *
   * @throws UserError when the file exists but cannot be read or moved aside.
   */
  async load(): Promise<void> {
    this.accounts = (await readJsonFile(this.file, FileSchema, { label: LABEL, ...(this.onProblem ? { onProblem: this.onProblem } : {}) }))?.accounts ?? [];
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
   * @throws UserError `disk-full` or `data-not-writable`; the list is then unchanged.
   */
  async put(record: AccountRecordInput): Promise<void> {
    const checked = AccountRecordSchema.parse(record);
    await this.change((list) => {
      const i = list.findIndex((a) => a.id === checked.id);
      return i >= 0 ? list.map((a, j) => (j === i ? checked : a)) : [...list, checked];
    });
  }

  /** Change some fields of an account and save; returns the new record. @throws as `put`. */
  async update(id: string, patch: Partial<Omit<AccountRecord, 'id'>>): Promise<AccountRecord> {
    let next: AccountRecord | undefined;
    await this.change((list) => {
      const current = list.find((a) => a.id === id);
      if (!current) throw new Error(`no account ${id}`);
      next = AccountRecordSchema.parse({ ...current, ...patch });
      return list.map((a) => (a.id === id ? next! : a));
    });
    return { ...next! };
  }

  /** Remove an account and save. @throws as `put`. */
  async remove(id: string): Promise<void> {
    await this.change((list) => list.filter((a) => a.id !== id));
  }

  /** Apply `edit` to the latest list, write it, and only then adopt it. */
  private change(edit: (list: AccountRecord[]) => AccountRecord[]): Promise<void> {
    const run = this.queue.catch(() => undefined).then(async () => {
      const next = edit(this.accounts);
      await writeJsonFile(this.file, { version: 1 as const, accounts: next }, LABEL);
      this.accounts = next;
    });
    this.queue = run;
    return run;
  }
}
