// Route ids are checked before they reach a query: a malformed id is simply a page that does not exist.
import { notFound } from 'next/navigation';
import { z } from 'zod';

const uuid = z.uuid();

export function uuidOr404(value: string): string {
  if (!uuid.safeParse(value).success) notFound();
  return value;
}
