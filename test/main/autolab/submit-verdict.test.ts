import { describe, expect, it } from 'vitest';
import { bestSample, sampleFromDate, serverWindow } from '../../../main/autolab/server-clock';
import { ambiguitySentence, judge, whichIsOursSentence } from '../../../main/autolab/submit-verdict';

const at = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');
const sub = (version: number, ms: number) => ({ version, filename: `${version}_handin.c`, created_at: at(ms), scores: {} });

describe('server clock from Date headers', () => {
  it('bounds the offset by the round trip and the header\'s one-second resolution', () => {
    const local = 1_700_000_000_000;
    const server = local + 3 * 3600_000; // 3 h ahead
    const s = sampleFromDate(new Date(Math.floor(server / 1000) * 1000).toUTCString(), local, local + 200)!;
    expect(Math.abs(s.offsetMs - 3 * 3600_000)).toBeLessThanOrEqual(s.uncertaintyMs);
    expect(s.uncertaintyMs).toBeLessThanOrEqual(600);
    expect(sampleFromDate(undefined, local, local)).toBeNull();
    expect(sampleFromDate('not a date', local, local)).toBeNull();
    expect(bestSample([null, { offsetMs: 1, uncertaintyMs: 900 }, { offsetMs: 2, uncertaintyMs: 500 }])).toEqual({ offsetMs: 2, uncertaintyMs: 500 });
  });
});

describe('judging a lost answer (never by name, on the server clock)', () => {
  const offset = -10 * 60_000; // server 10 min behind
  const lastByte = 1_700_000_000_000;
  const window = serverWindow({ offsetMs: offset, uncertaintyMs: 500 }, lastByte, lastByte + 5_000);
  const inside = lastByte + offset + 1_000;

  it('the single new version stamped in the window is ours, whatever its name', () => {
    expect(judge([1], [sub(2, inside), sub(1, inside - 86_400_000)], window, false)).toEqual({ kind: 'ours', version: 2, createdAt: inside });
  });
  it('a new version stamped outside the window is not ours', () => {
    expect(judge([1], [sub(2, lastByte - 60_000), sub(1, 0)], window, false)).toEqual({ kind: 'absent' });
  });
  it('two candidates, a group assessment, or no clock: undecided, with what was seen', () => {
    expect(judge([1], [sub(3, inside + 10), sub(2, inside)], window, false)).toMatchObject({ kind: 'ambiguous', why: 'several' });
    expect(judge([1], [sub(2, inside)], window, true)).toMatchObject({ kind: 'ambiguous', why: 'group' });
    expect(judge([1], [sub(2, inside)], null, false)).toMatchObject({ kind: 'ambiguous', why: 'no-clock' });
  });
  it('says what appeared and when, once per distinct minute, never claiming it', () => {
    const t = Date.UTC(2026, 10, 26, 14, 2, 10);
    expect(ambiguitySentence([{ version: 7, createdAt: t }], 'group')).toMatch(/^Version 7 appeared at \d\d:\d\d; it may be your partner's, so open its feedback to check before you submit again\.$/);
    const two = ambiguitySentence([{ version: 7, createdAt: t }, { version: 8, createdAt: t + 5_000 }], 'several');
    expect(two).toMatch(/^Versions 7 and 8 appeared at \d\d:\d\d; either may be from a partner or another device/);
    // Saved for certain (200), but which row is ours is not: says both facts without contradiction.
    expect(whichIsOursSentence([{ version: 7, createdAt: t }, { version: 8, createdAt: t + 61_000 }])).toMatch(
      /^Autolab saved your submission, but versions 7 and 8 appeared at \d\d:\d\d and \d\d:\d\d, so which one is yours is not certain; open their feedback to tell\.$/,
    );
  });
});
