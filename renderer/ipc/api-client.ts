/**
 * The renderer's typed client of the contract, the same in both hosts.
 *
 * In Electron it wraps the preload's bridge (`window.autolab`); in the web
 * host it wraps the WebSocket transport. Either way every call resolves to the
 * channel's output type or rejects with an `ApiCallError` carrying one user
 * sentence.
 */
import type { AutolabApi, IpcResult, RawBridge } from '../../preload/contract';
import { API_GLOBAL, CHANNEL_NAMES, methodName } from '../../preload/contract-plain';
import { connectWebSocketBridge } from './ws-bridge';

/** A failed call: `message` is meant for the user as-is. */
export class ApiCallError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'ApiCallError';
    this.code = code;
  }
}

function unwrap(result: IpcResult): unknown {
  if (result.ok) return result.output;
  throw new ApiCallError(result.error.code, result.error.message);
}

/** Wrap a raw bridge into the typed API. */
export function createApi(bridge: RawBridge): AutolabApi {
  const api: Record<string, unknown> = {};
  const raw = bridge as unknown as Record<string, (input?: unknown) => Promise<IpcResult>>;
  for (const channel of CHANNEL_NAMES) {
    const name = methodName(channel);
    api[name] = async (input?: unknown) => unwrap(await raw[name](input));
  }
  api.on = (event: string, listener: (payload: unknown) => void) =>
    bridge.onEvent((name, payload) => {
      if (name === event) listener(payload);
    });
  return api as AutolabApi;
}

/** Find the host's bridge: the preload's in Electron, the WebSocket otherwise. */
export async function connectApi(): Promise<AutolabApi> {
  const fromPreload = (window as unknown as Record<string, RawBridge | undefined>)[API_GLOBAL];
  if (fromPreload) return createApi(fromPreload);
  return createApi(await connectWebSocketBridge());
}
