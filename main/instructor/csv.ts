/**
 * A small RFC 4180 CSV reader and writer for roster import/export and score
 * export (issue 7).
 *
 * Why our own: the format is tiny and fully specified (RFC 4180 §2: quoted
 * fields, doubled quotes, CRLF or LF line breaks inside quotes), and the
 * importer must report exact row numbers, which a streaming library would
 * hide. Spreadsheet exports often start with a UTF-8 BOM and use CRLF; both
 * are accepted.
 *
 * Every export is opened in spreadsheets, so text cells that a spreadsheet
 * would run as a formula are neutralised with a leading `'` (OWASP "CSV
 * Injection"), and the reader removes exactly that prefix again, so that
 * re-importing an export reads the values that were exported.
 */

/** One parsed record with the 1-based line number it starts on. */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/** A CSV syntax problem, with the line it was found on. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

/**
 * Parse CSV text into records (RFC 4180 §2), skipping completely empty lines.
 *
 * @throws CsvSyntaxError for an unterminated quoted field or a quote inside an unquoted field.
 */
export function parseCsv(input: string): CsvRecord[] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let quotedCell = false;
  const endCell = () => {
    cells.push(cell);
    cell = '';
    quotedCell = false;
  };
  const endRecord = () => {
    endCell();
    if (!(cells.length === 1 && cells[0] === '' )) records.push({ line: recordLine, cells });
    cells = [];
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"' && cell === '' && !quotedCell) {
      // A quoted field: read to the closing quote, "" is one quote.
      quotedCell = true;
      const start = line;
      i++;
      for (;;) {
        if (i >= text.length) throw new CsvSyntaxError(start, `A quoted value that starts on line ${start} is never closed.`);
        const c = text[i]!;
        if (c === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === '\n') line++;
        cell += c;
        i++;
      }
      const next = text[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        throw new CsvSyntaxError(line, `Line ${line} has text right after a closing quote.`);
      }
      continue;
    }
    if (ch === ',') {
      endCell();
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    if (ch === '"') throw new CsvSyntaxError(line, `Line ${line} has a quote inside a value that is not quoted.`);
    if (quotedCell) throw new CsvSyntaxError(line, `Line ${line} has text right after a closing quote.`);
    cell += ch;
    i++;
  }
  if (cell !== '' || cells.length > 0 || quotedCell) endRecord();
  for (const r of records) r.cells = r.cells.map(restoreFormulaCell);
  return records;
}

/** The first characters that make a spreadsheet treat a cell as a formula (OWASP "CSV Injection"). */
const FORMULA_START = /^'*[=+\-@\t\r]/;
/** A cell that `neutraliseFormulaCell` prefixed: one or more quotes, then a formula start. */
const NEUTRALISED = /^'+[=+\-@\t\r]/;
/** A plain decimal number such as `-3.5`, `+2` or `1e3`: spreadsheets read it as a number, never a formula. */
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Make a text cell safe to open in a spreadsheet: prefix `'` when it starts
 * with `=`, `+`, `-`, `@`, tab or CR (after any quotes), unless it is a plain number.
 *
 * Why the "after any quotes": a value that already starts with `'=` is
 * prefixed too, so {@link restoreFormulaCell} can undo every prefix exactly
 * (the pair is a bijection on exported values).
 */
export function neutraliseFormulaCell(s: string): string {
  return FORMULA_START.test(s) && !PLAIN_NUMBER.test(s) ? `'${s}` : s;
}

/** Undo {@link neutraliseFormulaCell}: drop one leading `'` before quotes and a formula start. */
export function restoreFormulaCell(s: string): string {
  return NEUTRALISED.test(s) ? s.slice(1) : s;
}

/**
 * One cell as CSV text: formula-like text neutralised, then quoted when RFC
 * 4180 requires it (comma, quote, CR or LF) or it has outer spaces, doubling inner quotes.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  const raw = value === null || value === undefined ? '' : String(value);
  const s = typeof value === 'string' ? neutraliseFormulaCell(raw) : raw;
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Write records as CSV with CRLF line ends (RFC 4180 §2.1) and a trailing CRLF. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null | undefined>>): string {
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
