// CSV for the manager's exports: RFC 4180 quoting, and a leading apostrophe on a cell that a
// spreadsheet would run as a formula (=, +, -, @), so an exported name cannot execute.
const FORMULA = /^[=+\-@\t\r]/;

function cell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = FORMULA.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const toCsv = (rows: readonly (readonly (string | number | null)[])[]): string =>
  `${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;

export const csvResponse = (filename: string, body: string): Response =>
  new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
    },
  });

/** Cents as a plain decimal amount ("1234.56"; a spreadsheet reads it as a number). */
export const amount = (cents: number): string => (cents / 100).toFixed(2);
