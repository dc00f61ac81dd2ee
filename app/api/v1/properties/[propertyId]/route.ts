// GET /api/v1/properties/:propertyId: a property with its units and who occupies them today;
// another manager's property is a 404, like an unknown id.
import { NotFoundError } from '@/server/auth/errors';
import { properties } from '@/server/http/contracts';
import { json, route } from '@/server/http/route';
import { getProperty } from '@/server/queries/properties';

export const GET = route(properties.getProperty, async ({ actor, params, reads }) => {
  const property = await getProperty(reads, actor, params.propertyId);
  if (!property) throw new NotFoundError('That property does not exist.');
  return json(200, property);
});
