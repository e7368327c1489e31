/**
 * An error meant for the user: one clear sentence and a stable code.
 *
 * Services throw it for every failure a user can meet (design.md "Clear
 * errors"); the IPC router passes its message to the renderer unchanged and
 * replaces anything else with a generic sentence, so no stack trace or internal
 * detail ever reaches the UI.
 */
export class UserError extends Error {
  /** A stable, machine-readable code, e.g. `offline` or `signed-out`. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UserError';
    this.code = code;
  }
}
