import { z } from 'zod';
import { idParamsSchema } from '../../contract/common.ts';
import {
  stageCreateBodySchema,
  stageListSchema,
  stageOrderBodySchema,
  stageSchema,
  stageUpdateBodySchema,
} from '../../contract/stages.ts';
import type { AppDeps } from '../deps.ts';
import { actorOf, errorResponses, type App } from '../http.ts';
import * as service from './stages.service.ts';

export function stageRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/stages',
    { schema: { tags: ['stages'], summary: 'The sales stages, in order', response: { 200: stageListSchema } } },
    async (request) => ({ items: await service.listStages(deps, actorOf(request)) }),
  );

  app.post(
    '/api/stages',
    {
      schema: {
        tags: ['stages'],
        summary: 'Add a stage at the end (administrators)',
        body: stageCreateBodySchema,
        response: { 201: stageSchema, 400: errorResponses[400], 403: errorResponses[403], 409: errorResponses[409] },
      },
    },
    async (request, reply) => reply.status(201).send(await service.createStage(deps, actorOf(request), request.body)),
  );

  app.patch(
    '/api/stages/:id',
    {
      schema: {
        tags: ['stages'],
        summary: 'Rename, re-weight or switch a stage on or off (administrators)',
        params: idParamsSchema,
        body: stageUpdateBodySchema,
        response: { 200: stageSchema, ...errorResponses },
      },
    },
    async (request) => service.updateStage(deps, actorOf(request), request.params.id, request.body),
  );

  app.put(
    '/api/stages/order',
    {
      schema: {
        tags: ['stages'],
        summary: 'Put the stages in a new order (administrators)',
        body: stageOrderBodySchema,
        response: {
          200: stageListSchema,
          400: errorResponses[400],
          403: errorResponses[403],
          422: errorResponses[422],
        },
      },
    },
    async (request) => ({ items: await service.reorderStages(deps, actorOf(request), request.body.ids) }),
  );

  app.delete(
    '/api/stages/:id',
    {
      schema: {
        tags: ['stages'],
        summary: 'Delete a stage no opportunity has used (administrators)',
        params: idParamsSchema,
        response: { 204: z.null(), 403: errorResponses[403], 404: errorResponses[404], 409: errorResponses[409] },
      },
    },
    async (request, reply) => {
      await service.deleteStage(deps, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
