/**
 * One sentence about where the last push to the clock (or its Indicator app) went (issue 14).
 */
import type { LastPush } from '../../../preload/contract';
import { formatLocal } from '../../domain/time-format';

const FAILURE_TEXT: Record<NonNullable<LastPush['failure']>, string> = {
  unreachable: 'clock not reachable',
  'certificate-changed': 'the clock’s certificate changed',
  'key-refused': 'the key or token was refused',
  refused: 'the notification was refused',
};

const VIA_TEXT: Record<NonNullable<LastPush['via']>, string> = { https: 'over HTTPS', http: 'over plain HTTP', cloud: 'through the LaMetric cloud' };

/** "Last push at … (over HTTPS)." / "Last push failed at … (clock not reachable)." / "Nothing sent yet." */
export function lastPushText(last: LastPush | null, target: 'clock' | 'cloud' = 'clock'): string {
  if (!last) return 'Nothing sent yet.';
  const at = formatLocal(new Date(last.at).toISOString());
  if (last.ok) return `Last push at ${at} (${VIA_TEXT[last.via ?? 'https']}).`;
  const failure = last.failure ?? 'unreachable';
  return `Last push failed at ${at} (${failure === 'unreachable' && target === 'cloud' ? 'LaMetric cloud not reachable' : FAILURE_TEXT[failure]}).`;
}
