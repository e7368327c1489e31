/**
 * The checks every instructor call passes, and the sentences for refusals.
 *
 * Why: instructor routes need the `instructor_all` scope *and* an instructor
 * enrollment; Autolab refuses course assistants and students with the same
 * 403 "User does not have instructor privileges for this course"
 * (autolab-api.md §2.10, §4.0 step 4, §6.19). A token without the scope is
 * refused here without a request; a privilege refusal is explained according
 * to the person's real role in the course.
 */
import {
  COURSE_ASSISTANT_SENTENCE,
  MISSING_SCOPE_SENTENCE,
  STUDENT_SENTENCE,
} from '../../preload/contract';
import type { AccountSession } from '../accounts/account-session';
import type { AutolabClient } from '../autolab/autolab-client';
import { UserError } from '../user-error';

/** What the guard needs from the accounts service. */
export interface InstructorGuardDeps {
  /** The signed-in session of an account. @throws UserError `signed-out`. */
  session(accountId: string): Promise<Pick<AccountSession, 'client'>>;
  /** The scopes the account's token was granted (AccountView.scopes). */
  scopes(accountId: string): readonly string[];
}

/** Runs instructor calls with the scope check and role-aware refusals. */
export class InstructorGuard {
  constructor(private readonly deps: InstructorGuardDeps) {}

  /**
   * Run `fn` with the account's client, turning refusals into one sentence.
   *
   * @throws UserError `missing-scope` (no request made), `not-instructor` with the CA or student sentence, or the call's own error.
   */
  async run<T>(accountId: string, course: string, fn: (client: AutolabClient) => Promise<T>): Promise<T> {
    if (!this.deps.scopes(accountId).includes('instructor_all')) throw new UserError('missing-scope', MISSING_SCOPE_SENTENCE);
    const { client } = await this.deps.session(accountId);
    try {
      return await fn(client);
    } catch (err) {
      throw await this.explain(client, course, err);
    }
  }

  /** The role-aware version of a refusal; other errors pass through. */
  async explain(client: AutolabClient, course: string, err: unknown): Promise<unknown> {
    if (!(err instanceof UserError)) return err;
    if (err.code === 'missing-scope') return new UserError('missing-scope', MISSING_SCOPE_SENTENCE, { cause: err });
    if (err.code !== 'not-instructor') return err;
    const role = await client.courses().then(
      (list) => list.find((c) => c.name === course)?.auth_level,
      () => undefined,
    );
    if (role === 'course_assistant') return new UserError('not-instructor', COURSE_ASSISTANT_SENTENCE, { cause: err });
    return new UserError('not-instructor', STUDENT_SENTENCE, { cause: err });
  }
}

/** The sentence for an enrollment that names nobody Autolab knows (400 "Nonexistent user", §4.14). */
export const NO_SUCH_ACCOUNT_SENTENCE = 'Autolab has no account with this email address; the person needs an Autolab account before they can be enrolled.';

/** Rephrase errors of an add: "Nonexistent user" on create means no Autolab account at all. */
export function explainAddError(err: UserError): string {
  return err.code === 'unknown-user' ? NO_SUCH_ACCOUNT_SENTENCE : err.message;
}
