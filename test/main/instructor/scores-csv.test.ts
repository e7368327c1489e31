/**
 * The scores CSV export: negative scores stay numbers while formula-like
 * names and problem names are neutralised (OWASP "CSV Injection").
 */
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../main/instructor/csv';
import { scoresToCsv } from '../../../main/instructor/scores-service';

describe('scores CSV export', () => {
  const table = {
    problems: [{ name: '=Bonus', maxScore: 5 }, { name: 'Style', maxScore: 10 }],
    rows: [{ email: 'a@x.edu', firstName: '@Ann', lastName: '-Lee', lecture: '1', section: 'A', dropped: false, versions: [{ version: 2, scores: { '=Bonus': -3.5, Style: 7 } }] }],
    fetchedAt: 0,
  };

  it('keeps a negative score a number and neutralises formula-like text cells', () => {
    const [header, row] = scoresToCsv(table).split('\r\n');
    expect(header).toBe("email,first_name,last_name,lecture,section,dropped,version,latest,'=Bonus,Style,total");
    expect(row).toBe("a@x.edu,'@Ann,'-Lee,1,A,false,2,true,-3.5,7,3.5");
  });

  it('reads back the original names and scores', () => {
    const cells = parseCsv(scoresToCsv(table)).map((r) => r.cells);
    expect(cells[0]![8]).toBe('=Bonus');
    expect(cells[1]!.slice(1, 3)).toEqual(['@Ann', '-Lee']);
    expect(cells[1]![8]).toBe('-3.5');
  });
});
