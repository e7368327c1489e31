/**
 * The one wrapper every IPC call passes through, in both hosts.
 *
 * It checks that the channel exists in the contract, that the sender is
 * trusted, and that the input matches the channel's zod schema, before any
 * handler runs (design.md "One contract": validate and check the sender in one
 * wrapper, never per handler). Failures become an `IpcError` with one user
 * sentence; internal errors are logged (redacted) and never leak to the
 * renderer.
 */
import { channels, type Channel, type ChannelInput, type ChannelOutput, type IpcError } from '../../preload/contract';
import { createBoundedLog } from '../bounded-log';
import { UserError } from '../user-error';
import type { Logger } from '../logger';

/** A handler per channel: receives the validated input. */
export type Handlers = {
  [C in Channel]: (input: ChannelInput<C>) => Promise<ChannelOutput<C>> | ChannelOutput<C>;
};

/** The outcome of a dispatch: never throws. */
export type DispatchResult = { ok: true; output: unknown } | { ok: false; error: IpcError };

/** Who sent a call, as far as the host can tell. */
export interface Sender {
  /** True when the host verified the sender (trusted frame / authenticated socket). */
  trusted: boolean;
}

/** Route a raw call from a host to its handler. */
export interface IpcRouter {
  dispatch(channel: unknown, input: unknown, sender: Sender): Promise<DispatchResult>;
}

function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}

/** Build the router over a complete set of handlers. */
export function createIpcRouter(handlers: Handlers, log: Logger): IpcRouter {
  // Refusals come from whoever holds the socket: a few lines a minute, the first issues only.
  const bounded = createBoundedLog(log);
  return {
    async dispatch(channel, input, sender) {
      if (!sender.trusted) {
        bounded.warn('ipc-untrusted', 'ipc call from an untrusted sender refused', { channel: String(channel).slice(0, 100) });
        return { ok: false, error: { code: 'untrusted-sender', message: 'This window is not allowed to talk to Autolab Desktop.' } };
      }
      if (!isChannel(channel)) {
        return { ok: false, error: { code: 'unknown-channel', message: 'The app asked for something it does not know how to do; please update Autolab Desktop.' } };
      }
      const parsed = channels[channel].input.safeParse(input);
      if (!parsed.success) {
        bounded.warn('ipc-invalid', 'ipc input rejected', { channel, issues: parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.').slice(0, 100)}: ${i.message}`) });
        return { ok: false, error: { code: 'invalid-input', message: 'The app sent a request in the wrong shape, so it was refused.' } };
      }
      try {
        const handler = handlers[channel] as (i: unknown) => unknown;
        const output = await handler(parsed.data);
        return { ok: true, output };
      } catch (err) {
        if (err instanceof UserError) return { ok: false, error: { code: err.code, message: err.message } };
        log.error('ipc handler failed', { channel, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
        return { ok: false, error: { code: 'internal', message: 'Something went wrong inside Autolab Desktop; please try again.' } };
      }
    },
  };
}
