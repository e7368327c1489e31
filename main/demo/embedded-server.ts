/**
 * An embedded demo server ("Try the demo"): a sandbox started inside the app once, on first
 * use, remembered, and stopped when the app quits.
 *
 * Why: the demo Autolab and the demo Open edX start, share, fail and stop the same way; one
 * copy keeps their single-flight start, their failure sentence and their clean quit alike.
 */
import path from 'node:path';
import type { Logger } from '../logger';
import { UserError } from '../user-error';

/**
 * Where the demo servers keep their databases: beside the app's data folder, not in it. A demo
 * server is a server — its database holds its tokens, like any Autolab's — and the app's own
 * folder must never contain a token.
 */
export function demoServerDataDir(appDataDir: string): string {
  return path.join(path.dirname(appDataDir), `${path.basename(appDataDir)} (demo server)`);
}

/**
 * Wrap `fn` so that calls made while one is under way share its result (two quick clicks, or
 * two windows, must not add two demo accounts).
 */
export function singleFlight<T>(fn: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () =>
    (pending ??= fn().finally(() => {
      pending = null;
    }));
}

/** What an embedded server is told and says. */
export interface EmbeddedServerOptions<S> {
  /** Starts the server (a sandbox's `start…Sandbox`). */
  start: () => Promise<S>;
  log: Logger;
  /** Its name in sentences and the log, e.g. "Autolab", "Open edX". */
  name: string;
}

/** One embedded demo server: started once on first use, stopped at quit. */
export class EmbeddedServer<S extends { close(): Promise<void> }> {
  private running: Promise<S> | null = null;

  constructor(private readonly options: EmbeddedServerOptions<S>) {}

  /** The server if it was started (or is starting); null otherwise. */
  get current(): Promise<S> | null {
    return this.running;
  }

  /**
   * Start the server, or return the one already started (concurrent callers share one start).
   * A failed start is logged and forgotten, so the next call tries again.
   *
   * @throws UserError `demo-failed` when the server cannot start.
   */
  ensure(): Promise<S> {
    this.running ??= this.options.start().catch((err: unknown) => {
      this.running = null;
      this.options.log.error(`demo ${this.options.name} server failed to start`, { error: err instanceof Error ? err.message : String(err) });
      throw new UserError('demo-failed', `The demo ${this.options.name} could not start; restart Autolab Desktop and try again.`);
    });
    return this.running;
  }

  /** Stop the server if it runs (app quit); a start still under way is awaited, then stopped. */
  async stop(): Promise<void> {
    const running = this.running;
    this.running = null;
    if (running) await (await running.catch(() => null))?.close();
  }
}
