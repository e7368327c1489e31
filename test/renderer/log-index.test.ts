/**
 * The feedback viewer's log index (issue 15): lines split once, every match
 * found (no cap), and each line cut into text and highlighted matches.
 */
import { describe, expect, it } from 'vitest';
import { findMatches, indexLines, lineOf, lineParts, lineText } from '../../renderer/domain/log-index';

describe('log index', () => {
  it('splits lines once, with CRLF and without a trailing empty line', () => {
    const lines = indexLines('first\r\nsecond line\nthird\n');
    expect(lines.starts.length).toBe(3);
    expect([0, 1, 2].map((i) => lineText(lines, i))).toEqual(['first', 'second line', 'third']);
    expect(lines.widest).toBe(11);
  });

  it('finds every match, case-insensitively, far beyond the old 2,000-highlight cap', () => {
    const log = Array.from({ length: 60_000 }, (_, i) => `line ${i}: Test PASSED`).join('\n');
    const lines = indexLines(log);
    const matches = findMatches(lines, 'passed');
    expect(matches.length).toBe(60_000);
    expect(lineOf(lines, matches[59_999]!)).toBe(59_999);
    expect(lineParts(lines, 59_999, matches, 6)).toEqual([{ text: 'line 59999: Test ' }, { text: 'PASSED', match: 59_999 }]);
  });

  it('cuts a line into text and matches, several per line', () => {
    const lines = indexLines('aXbXc\nX');
    const matches = findMatches(lines, 'x');
    expect(lineParts(lines, 0, matches, 1)).toEqual([{ text: 'a' }, { text: 'X', match: 0 }, { text: 'b' }, { text: 'X', match: 1 }, { text: 'c' }]);
    expect(lineParts(lines, 1, matches, 1)).toEqual([{ text: 'X', match: 2 }]);
    expect(lineParts(lines, 0, findMatches(lines, ''), 0)).toEqual([{ text: 'aXbXc' }]);
  });

  it('keeps offsets right when lower-casing would change the length, by searching as written', () => {
    const lines = indexLines('İstanbul ok\nOK');
    expect(lineParts(lines, 0, findMatches(lines, 'ok'), 2)).toEqual([{ text: 'İstanbul ' }, { text: 'ok', match: 0 }]);
    expect(findMatches(lines, 'OK').length).toBe(1);
  });

  it('finds upper-case queries in a log without capitals', () => {
    const lines = indexLines('all lower case');
    expect(findMatches(lines, 'LOWER').length).toBe(1);
  });

  it('cuts a match that crosses a line break at the line end', () => {
    const lines = indexLines('ab\ncd');
    const matches = findMatches(lines, 'b\nc');
    expect(lineParts(lines, 0, matches, 3)).toEqual([{ text: 'a' }, { text: 'b', match: 0 }]);
    expect(lineParts(lines, 1, matches, 3)).toEqual([{ text: 'c', match: 0 }, { text: 'd' }]);
  });
});
