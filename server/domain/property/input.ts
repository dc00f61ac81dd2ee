// What a manager types about a property (name and address, a new unit), as zod schemas whose
// messages are the sentences shown next to the field. Pure zod, no server code: the API's bodies
// and the commands use them, and so do the browser forms, so both say exactly the same thing.
import { z } from 'zod';
import { positiveCentsSchema } from '../shared/money';

const required = (what: string, max: number) =>
  z
    .string({ error: `Enter the ${what}.` })
    .trim()
    .min(1, { error: `Enter the ${what}.` })
    .max(max, { error: `Keep the ${what} to ${max} characters or fewer.` });

export const addressInput = z.object({
  line1: required('street address', 200),
  city: required('city', 100),
  state: required('state', 100),
  postalCode: required('postal code', 20),
});

export const propertyDetailsInput = z.object({
  name: required('property name', 200),
  address: addressInput,
});
export type PropertyDetailsInput = z.infer<typeof propertyDetailsInput>;

export const unitInput = z.object({
  label: required('unit label', 50),
  marketRentCents: positiveCentsSchema,
});
export type UnitInput = z.infer<typeof unitInput>;

/** The first message per field ("address.city" → "Enter the city."), for a form to show. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.map(String).join('.') || 'form';
    errors[field] ??= issue.message;
  }
  return errors;
}
