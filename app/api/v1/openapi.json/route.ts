// GET /api/v1/openapi.json: the OpenAPI 3.1 document, generated from the endpoints' contracts.
import { operations } from '@/server/http/contracts';
import { openApiDocument } from '@/server/http/openapi';
import { json, route } from '@/server/http/route';

let cached: ReturnType<typeof openApiDocument> | undefined;

export const GET = route(operations.openApi, async () => {
  cached ??= openApiDocument();
  return json(200, cached);
});
