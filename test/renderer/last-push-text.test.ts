/**
 * The sentence Settings → Devices shows about the last push (issue 14).
 */
import { describe, expect, it } from 'vitest';
import { lastPushText } from '../../renderer/screens/settings/last-push-text';

const at = Date.UTC(2026, 10, 26, 3, 0);

describe('last push sentence', () => {
  it('says nothing was sent, where a push went, or why it failed', () => {
    expect(lastPushText(null)).toBe('Nothing sent yet.');
    expect(lastPushText({ at, ok: true, via: 'https', failure: null })).toMatch(/^Last push at .+ \(over HTTPS\)\.$/);
    expect(lastPushText({ at, ok: true, via: 'http', failure: null })).toMatch(/\(over plain HTTP\)\.$/);
    expect(lastPushText({ at, ok: true, via: 'cloud', failure: null })).toMatch(/\(through the LaMetric cloud\)\.$/);
    expect(lastPushText({ at, ok: false, via: null, failure: 'unreachable' })).toMatch(/^Last push failed at .+ \(clock not reachable\)\.$/);
    expect(lastPushText({ at, ok: false, via: null, failure: 'unreachable' }, 'cloud')).toMatch(/\(LaMetric cloud not reachable\)\.$/);
    expect(lastPushText({ at, ok: false, via: null, failure: 'certificate-changed' })).toMatch(/\(the clock’s certificate changed\)\.$/);
  });
});
