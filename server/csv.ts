// The one CSV writer (every export: the audit timeline, the manager's rent roll and aging): RFC 4180
// by csv-stringify, CRLF line ends, and formula neutralisation — a text cell that a spreadsheet
// would run as a formula (starting with = + - @ TAB or CR) gets a leading apostrophe, so an
// exported tenant name or reference cannot execute (OWASP "CSV injection"). Numbers stay numbers.
import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell as it is safe to write. */
function neutralise(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

const prepare = (value: CsvCell): string | number =>
  value === null || value === undefined ? '' : typeof value === 'number' ? value : neutralise(String(value));

/** Rows as CSV text, each line ended by CRLF. */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return stringify(
    rows.map((row) => row.map(prepare)),
    // A bare CR or LF inside a cell is quoted too (csv-stringify only quotes its own record delimiter).
    { record_delimiter: 'windows', quoted_match: /[\r\n]/ },
  );
}
