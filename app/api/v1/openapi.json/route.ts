// GET /api/v1/openapi.json: the OpenAPI 3.1 document, built from the routes' zod schemas.
import { openApiDocument } from '@/server/http/openapi';
import { json, route } from '@/server/http/route';

let cached: ReturnType<typeof openApiDocument> | undefined;

export const GET = route({ auth: 'public' }, async () => {
  cached ??= openApiDocument();
  return json(200, cached);
});
