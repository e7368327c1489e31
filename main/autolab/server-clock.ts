/**
 * The server's clock as seen through the `Date` header of its answers.
 *
 * Why: a submission's `created_at` is stamped by Autolab's clock, which may be minutes or hours away from ours
 * (issue 10 item 2). Comparing it with local times misreports saved submits as lost. Each answer's `Date` header
 * (RFC 9110 §6.6.1, one-second resolution) taken together with the local send and receive times bounds the offset;
 * the sample with the shortest round trip is the tightest.
 */

/** An estimate of `server time − local time`. */
export interface ClockSample {
  /** Server time minus local time, in ms. */
  offsetMs: number;
  /** The true offset lies within ±this many ms of `offsetMs`. */
  uncertaintyMs: number;
}

/**
 * A sample from one answer: its `Date` header, when the request left and when the answer arrived (local ms).
 *
 * Returns null when the header is missing or unparsable (then nothing is known about the server's clock).
 */
export function sampleFromDate(dateHeader: string | string[] | undefined, sentAt: number, receivedAt: number): ClockSample | null {
  const text = Array.isArray(dateHeader) ? dateHeader[0] : dateHeader;
  if (!text) return null;
  const server = Date.parse(text);
  if (!Number.isFinite(server)) return null;
  // The header names the whole second in which the server answered: [server, server + 1000) on its clock,
  // somewhere between sentAt and receivedAt on ours.
  const lo = server - receivedAt;
  const hi = server + 1000 - sentAt;
  return { offsetMs: Math.round((lo + hi) / 2), uncertaintyMs: Math.ceil((hi - lo) / 2) };
}

/** The tightest of several samples (null entries ignored); null when there is none. */
export function bestSample(samples: Array<ClockSample | null | undefined>): ClockSample | null {
  let best: ClockSample | null = null;
  for (const s of samples) if (s && (!best || s.uncertaintyMs < best.uncertaintyMs)) best = s;
  return best;
}

/** A span of server time, in epoch ms on the server's clock. */
export interface ServerWindow {
  from: number;
  to: number;
}

/**
 * The server-time window in which a submission of ours must have been stamped: from our last body byte to the
 * moment we stopped waiting for the answer, widened by the clock's uncertainty and a small allowance for the
 * server's own processing before it stamps.
 */
export function serverWindow(clock: ClockSample, fromLocal: number, toLocal: number, slackMs = 1000): ServerWindow {
  const margin = clock.uncertaintyMs + slackMs;
  return { from: fromLocal + clock.offsetMs - margin, to: toLocal + clock.offsetMs + margin };
}
