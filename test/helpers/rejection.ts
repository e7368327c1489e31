/**
 * The error a promise rejects with, for assertions on its code and sentence.
 */
import type { UserError } from '../../main/user-error';

/** Await `p` and return its rejection; throws when it resolves. */
export async function rejection(p: Promise<unknown>): Promise<UserError> {
  try {
    await p;
  } catch (err) {
    return err as UserError;
  }
  throw new Error('expected a rejection');
}
