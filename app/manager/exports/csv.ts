// The manager's CSV downloads: the one CSV writer (server/csv.ts, formula-neutralised) and the
// download response around it.
export { toCsv } from '@/server/csv';

export const csvResponse = (filename: string, body: string): Response =>
  new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
    },
  });

/** Cents as a plain decimal amount ("1234.56"; a spreadsheet reads it as a number). */
export const amount = (cents: number): string => (cents / 100).toFixed(2);
