/**
 * The renderer's top-level state: the connection to the host and app info.
 */
import { create } from 'zustand';
import type { AppInfo, AutolabApi } from '../../preload/contract';

/** State of the app shell. */
export interface AppState {
  api: AutolabApi | null;
  info: AppInfo | null;
  /** One user sentence when the host cannot be reached. */
  fatal: string | null;
  connected(api: AutolabApi): Promise<void>;
  failed(message: string): void;
}

/** The app shell store. */
export const useAppStore = create<AppState>((set) => ({
  api: null,
  info: null,
  fatal: null,
  async connected(api) {
    set({ api });
    try {
      set({ info: await api.appGetInfo() });
    } catch (err) {
      set({ fatal: err instanceof Error ? err.message : String(err) });
    }
  },
  failed(message) {
    set({ fatal: message });
  },
}));

/**
 * The connected API, for store actions.
 *
 * @throws Error when called before the host connected (a programming error: screens that call it render only once connected).
 */
export function requireApi(): AutolabApi {
  const api = useAppStore.getState().api;
  if (!api) throw new Error('Autolab Desktop is still connecting; try again in a moment.');
  return api;
}

/** The user sentence of a failed call (an `ApiCallError` message is already one). */
export function errorSentence(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
