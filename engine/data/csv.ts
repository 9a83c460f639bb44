/**
 * A CSV reader for a person's own data: quoted fields (with "" escapes and line breaks inside quotes),
 * a delimiter of comma, semicolon or tab (detected when not given), and header detection. It keeps
 * the file's line numbers so every later error can say where the problem is.
 */
import { DatasetError } from './errors';

/** The delimiters a CSV file may use. */
export type CsvDelimiter = ',' | ';' | '\t';

/** Options of parseCsv: both detected from the text when absent. */
export interface CsvOptions {
  delimiter?: CsvDelimiter;
  header?: boolean;
}

/** A cell without a value: where it is, for the message shown to the person. */
export interface CsvMissingValue {
  line: number;
  column: string;
}

/** A parsed CSV file: column names, rows of raw fields, and the line each row starts on (1-based). */
export interface CsvTable {
  columns: string[];
  rows: string[][];
  lines: number[];
  delimiter: CsvDelimiter;
  hasHeader: boolean;
  missing: CsvMissingValue[];
}

/** Field values read as "no value". */
const MISSING_TOKENS = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '?']);

/** True when a field holds no value (empty, NA, NaN, null, ?). */
export function isMissing(field: string): boolean {
  return MISSING_TOKENS.has(field.trim().toLowerCase());
}

/** The number in a field, or null when it is not a plain number. */
export function parseNumber(field: string): number | null {
  const t = field.trim();
  if (t === '' || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return null;
  return Number(t);
}

/** Picks the delimiter that splits the first line into the most fields (outside quotes). */
function detectDelimiter(text: string): CsvDelimiter {
  const counts: Record<CsvDelimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && (c === ',' || c === ';' || c === '\t')) counts[c]++;
  }
  if (counts['\t'] > counts[','] && counts['\t'] >= counts[';']) return '\t';
  if (counts[';'] > counts[',']) return ';';
  return ',';
}

/** Splits text into records of fields, with the line each record starts on. */
function tokenise(text: string, delimiter: CsvDelimiter): { records: string[][]; lines: number[] } {
  const records: string[][] = [];
  const lines: number[] = [];
  let record: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteLine = 0;
  let fieldWasQuoted = false;
  const endRecord = () => {
    record.push(field);
    // A blank line is not a record.
    if (!(record.length === 1 && record[0].trim() === '' && !fieldWasQuoted)) {
      records.push(record);
      lines.push(recordLine);
    }
    record = [];
    field = '';
    fieldWasQuoted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
        field += c;
      }
    } else if (c === '"' && field.trim() === '') {
      quoted = true;
      fieldWasQuoted = true;
      quoteLine = line;
      field = '';
    } else if (c === delimiter) {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else field += c;
  }
  if (quoted) throw new DatasetError('csv', `Line ${quoteLine}: a quoted field is never closed.`, 'Add the missing closing quote (") or remove the stray one.');
  if (field !== '' || record.length > 0 || fieldWasQuoted) endRecord();
  return { records, lines };
}

/** Guesses whether the first record names the columns: names are not numbers, while the data below often are. */
function looksLikeHeader(records: string[][]): boolean {
  if (records.length < 2) return false;
  const first = records[0];
  if (first.some((f) => isMissing(f) || parseNumber(f) !== null)) return false;
  const sample = records.slice(1, 51);
  for (let c = 0; c < first.length; c++) {
    const below = sample.map((r) => r[c] ?? '').filter((f) => !isMissing(f));
    if (below.some((f) => parseNumber(f) !== null)) return true;
    if (!below.includes(first[c])) continue;
    return false;
  }
  // Every column is text, and no first-row value repeats below it: most likely names.
  return true;
}

function uniqueNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((raw, i) => {
    const name = raw.trim() || `column_${i + 1}`;
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name}_${n}`;
  });
}

/** Parses CSV text (see CsvTable); rows with a different number of fields than the header are errors. */
export function parseCsv(text: string, options: CsvOptions = {}): CsvTable {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const delimiter = options.delimiter ?? detectDelimiter(body);
  const { records, lines } = tokenise(body, delimiter);
  if (records.length === 0) throw new DatasetError('csv', 'The file has no rows.', 'Choose a CSV file with a header line and at least one row of data.');
  const hasHeader = options.header ?? looksLikeHeader(records);
  const width = records[0].length;
  const columns = uniqueNames(hasHeader ? records[0] : records[0].map((_, i) => `column_${i + 1}`));
  const start = hasHeader ? 1 : 0;
  const rows = records.slice(start);
  const rowLines = lines.slice(start);
  const missing: CsvMissingValue[] = [];
  rows.forEach((row, r) => {
    if (row.length !== width) {
      const name = delimiter === '\t' ? 'tab' : `'${delimiter}'`;
      throw new DatasetError(
        'csv',
        `Line ${rowLines[r]} has ${row.length} fields but ${hasHeader ? 'the header' : 'the first line'} has ${width}.`,
        `Check the delimiter (${name}) and quoting on line ${rowLines[r]}: a field containing the delimiter must be quoted.`,
      );
    }
    row.forEach((f, c) => {
      if (isMissing(f)) missing.push({ line: rowLines[r], column: columns[c] });
    });
  });
  return { columns, rows, lines: rowLines, delimiter, hasHeader, missing };
}
