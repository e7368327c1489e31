/**
 * Build the main-process core once, for any host.
 *
 * The Electron shell and the web host both call `createCore` with their own
 * `Platform`; everything behind it is plain Node (design.md "Two hosts, one
 * core").
 */
import type { HostKind } from '../preload/contract';
import { createIpcRouter, type Handlers, type IpcRouter } from './ipc/ipc-router';
import { EventBus } from './events';
import type { Logger } from './logger';
import type { Platform } from './platform';
import { UserError } from './user-error';

/** What a host hands the core. */
export interface CoreOptions {
  platform: Platform;
  /** Folder for non-secret app data (settings, cache). */
  dataDir: string;
  /** The app's version, from package.json. */
  version: string;
  log: Logger;
}

/** The running core: its router, its event bus, and a way to stop it. */
export interface Core {
  router: IpcRouter;
  events: EventBus;
  host: HostKind;
  dispose(): Promise<void>;
}

// UI-BRANCH PLACEHOLDER: handlers that refuse until the services are wired (the lead replaces this).
function notReady(names: readonly Exclude<keyof Handlers, 'app:get-info'>[]): Omit<Handlers, 'app:get-info'> {
  const out: Record<string, () => never> = {};
  for (const name of names) {
    out[name] = () => {
      throw new UserError('not-ready', 'This part of the app is not connected yet.');
    };
  }
  return out as unknown as Omit<Handlers, 'app:get-info'>;
}

/** Compose the services and their IPC handlers. */
export async function createCore(options: CoreOptions): Promise<Core> {
  const bus = new EventBus();
  const handlers: Handlers = {
    'app:get-info': () => ({
      name: 'Autolab Desktop',
      version: options.version,
      host: options.platform.kind,
      platform: process.platform,
    }),
    // UI-BRANCH PLACEHOLDERS (branch `ui` only): lets this branch build; the lead replaces them when wiring the services.
    ...notReady([
      'accounts:list', 'accounts:add-server', 'accounts:remove', 'demo:start', 'auth:sign-in', 'auth:cancel',
      'auth:sign-out', 'shell:open-url', 'courses:list', 'assessments:list', 'assessment:get', 'submissions:list',
      'feedback:get', 'submit:start', 'submit:cancel', 'assessment:download',
    ]),
  };
  return {
    router: createIpcRouter(handlers, options.log),
    events: bus,
    host: options.platform.kind,
    async dispose() {},
  };
}
