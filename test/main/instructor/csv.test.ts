import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, neutraliseFormulaCell, parseCsv, restoreFormulaCell, toCsv } from '../../../main/instructor/csv';
import { parseFlag, parseRole, parseRosterCsv, RosterFileError } from '../../../main/instructor/roster-csv';

describe('RFC 4180 CSV', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF or LF, and a BOM', () => {
    const text = '\ufeffa,b,c\r\n"x, y","say ""hi""","two\r\nlines"\n\nlast,,\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 2, cells: ['x, y', 'say "hi"', 'two\r\nlines'] },
      { line: 5, cells: ['last', '', ''] },
    ]);
  });

  it('reports an unterminated quote and a stray quote with their line', () => {
    expect(() => parseCsv('a\n"open')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('a\nb"c')).toThrow(/Line 2/);
    expect(() => parseCsv('"a"b')).toThrow(/after a closing quote/);
  });

  it('writes what it reads back unchanged', () => {
    const rows = [['email', 'nickname'], ['a@x.edu', 'The "Ace", 1st'], ['b@x.edu', ' padded '], ['c@x.edu', 'multi\nline']];
    const text = toCsv(rows);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parseCsv(text).map((r) => r.cells)).toEqual(rows);
  });
});

describe('CSV formula injection (OWASP "CSV Injection")', () => {
  const dangerous = ['=HYPERLINK("http://evil","x")', '+1+cmd|calc', '-2+3', '@SUM(A1)', '\tx', '\r=1', "'=already quoted", "''+twice"];

  it('prefixes a quote to text cells starting with = + - @ tab or CR when exporting', () => {
    const line = toCsv([dangerous]).split('\r\n')[0]!;
    expect(line).toBe(`"'=HYPERLINK(""http://evil"",""x"")",'+1+cmd|calc,'-2+3,'@SUM(A1),'\tx,"'\r=1",''=already quoted,'''+twice`);
  });

  it('leaves plain numbers as numbers, whether given as numbers or as text', () => {
    expect(toCsv([[-3.5, '-3.5', '+2', '-0.25e2', 10, '.5']])).toBe('-3.5,-3.5,+2,-0.25e2,10,.5\r\n');
    expect(neutraliseFormulaCell('-3.5x')).toBe("'-3.5x");
    expect(neutraliseFormulaCell('-')).toBe("'-");
  });

  it('leaves ordinary text alone, including a quote that is not before a formula start', () => {
    for (const s of ['alice@example.edu', "O'Brien", "'quoted", 'a=b', '', ' padded ']) expect(neutraliseFormulaCell(s)).toBe(s);
  });

  it('reads back exactly the values that were exported, so an export re-imports unchanged', () => {
    const rows = [dangerous, ["O'Brien", "'quoted", '-3.5', 'plain']];
    expect(parseCsv(toCsv(rows)).map((r) => r.cells)).toEqual(rows);
  });

  it('undoes only the one prefix the exporter adds', () => {
    expect(restoreFormulaCell("'=1+1")).toBe('=1+1');
    expect(restoreFormulaCell("''=1+1")).toBe("'=1+1");
    expect(restoreFormulaCell("'-3.5")).toBe('-3.5');
    expect(restoreFormulaCell("O'Brien")).toBe("O'Brien");
    expect(restoreFormulaCell("'quoted")).toBe("'quoted");
    expect(parseCsv("email,nickname\r\na@x.edu,'@home\r\n")[1]!.cells).toEqual(['a@x.edu', '@home']);
  });
});

describe('roster CSV format', () => {
  it('needs the required columns in the header, in any order and case', () => {
    expect(() => parseRosterCsv('email,lecture\nx@y.edu,1')).toThrow(RosterFileError);
    expect(() => parseRosterCsv('email,lecture\nx@y.edu,1')).toThrow(/section, auth_level/);
    expect(() => parseRosterCsv('')).toThrow(/empty/);
    const rows = parseRosterCsv('Section,EMAIL,Auth Level,lecture\nB,x@y.edu,CA,1');
    expect(rows[0]).toMatchObject({ row: 2, email: 'x@y.edu', section: 'B', lecture: '1', role: 'course_assistant', dropped: undefined, nickname: undefined, error: null });
  });

  it('gives each bad row its own sentence and keeps every row', () => {
    const rows = parseRosterCsv('email,lecture,section,auth_level,dropped\nbad,1,A,student,\nx@y.edu,,A,boss,perhaps\nx@y.edu,1,A,student,\nt@y.edu,1,A,instructor,true');
    expect(rows.map((r) => r.row)).toEqual([2, 3, 4, 5]);
    expect(rows[0]!.error).toBe('"bad" is not an email address.');
    expect(rows[1]!.error).toBe('The lecture is missing; "boss" is not a role (use student, course_assistant or instructor); "perhaps" is not yes or no in the dropped column.');
    expect(rows[2]!.error).toBe('This email is already on row 3; each person may appear once.');
    expect(rows[3]!.error).toBe('Instructors and course assistants cannot be dropped.');
  });

  it('reads roles and flags leniently', () => {
    expect(parseRole('Course Assistant')).toBe('course_assistant');
    expect(parseRole('course-assistant')).toBe('course_assistant');
    expect(parseRole('INSTRUCTOR')).toBe('instructor');
    expect(parseRole('dean')).toBeUndefined();
    expect([parseFlag('Yes'), parseFlag('0'), parseFlag(''), parseFlag('?')]).toEqual([true, false, undefined, null]);
  });
});
