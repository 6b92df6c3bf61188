import {
  catalogItemCreateBodySchema,
  catalogItemSchema,
  catalogItemUpdateBodySchema,
  catalogListQuerySchema,
  catalogListSchema,
} from '../../contract/coaching.ts';
import { idParamsSchema } from '../../contract/common.ts';
import type { AppDeps } from '../deps.ts';
import { actorOf, errorResponses, type App } from '../http.ts';
import * as service from './catalog.service.ts';

const tags = ['coaching'];

export function catalogRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/coaching/catalog',
    {
      schema: {
        tags,
        summary:
          'The learning catalog by title, by root cause and type if asked (quiz answers for administrators only)',
        querystring: catalogListQuerySchema,
        response: { 200: catalogListSchema, 400: errorResponses[400] },
      },
    },
    async (request) => ({ items: await service.listCatalog(deps, actorOf(request), request.query) }),
  );

  app.get(
    '/api/coaching/catalog/:id',
    {
      schema: {
        tags,
        summary: 'One learning item (quiz answers for administrators only)',
        params: idParamsSchema,
        response: { 200: catalogItemSchema, 404: errorResponses[404] },
      },
    },
    async (request) => service.getCatalogItem(deps, actorOf(request), request.params.id),
  );

  app.post(
    '/api/coaching/catalog',
    {
      schema: {
        tags,
        summary: 'Add a learning item to the catalog (administrators)',
        body: catalogItemCreateBodySchema,
        response: { 201: catalogItemSchema, 400: errorResponses[400], 403: errorResponses[403] },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createCatalogItem(deps, actorOf(request), request.body)),
  );

  app.patch(
    '/api/coaching/catalog/:id',
    {
      schema: {
        tags,
        summary: 'Change, archive or bring back a learning item (administrators)',
        params: idParamsSchema,
        body: catalogItemUpdateBodySchema,
        response: { 200: catalogItemSchema, ...errorResponses },
      },
    },
    async (request) => service.updateCatalogItem(deps, actorOf(request), request.params.id, request.body),
  );
}
