import { z } from 'zod';
import {
  webhookCreatedSchema,
  webhookCreateSchema,
  webhookDeliveriesQuerySchema,
  webhookDeliveryDetailSchema,
  webhookDeliveryPageSchema,
  webhookDeliveryParamsSchema,
  webhookDeliverySchema,
  webhookEndpointSchema,
  webhookListSchema,
  webhookParamsSchema,
  webhookSecretSchema,
  webhookUpdateSchema,
} from '../../contract/webhooks.ts';
import type { AppDeps } from '../deps.ts';
import { actorOf, errorResponses, type App } from '../http.ts';
import {
  changeWebhook,
  createWebhook,
  listWebhooks,
  readDeliveries,
  readDelivery,
  removeWebhook,
  replayDelivery,
  rotateWebhookSecret,
  sendTestWebhook,
} from './webhooks.service.ts';

export function webhookRoutes(app: App, deps: AppDeps): void {
  const tags = ['webhooks'];
  const admin = { 403: errorResponses[403] };
  const one = { 400: errorResponses[400], 403: errorResponses[403], 404: errorResponses[404] };

  app.get(
    '/api/webhooks',
    {
      schema: {
        tags,
        summary: "The organization's webhook endpoints with their waiting and failed deliveries (administrators)",
        response: { 200: webhookListSchema, ...admin },
      },
    },
    async (request) => listWebhooks(deps, actorOf(request)),
  );

  app.post(
    '/api/webhooks',
    {
      schema: {
        tags,
        summary:
          'Adds an endpoint (administrators); answers its secret (whsec_...), shown this once: keep it to check the signatures',
        body: webhookCreateSchema,
        response: { 201: webhookCreatedSchema, 400: errorResponses[400], ...admin, 422: errorResponses[422] },
      },
    },
    async (request, reply) => reply.status(201).send(await createWebhook(deps, actorOf(request), request.body)),
  );

  app.patch(
    '/api/webhooks/:id',
    {
      schema: {
        tags,
        summary: "Changes an endpoint's address, events, description, or turns it on or off (administrators)",
        params: webhookParamsSchema,
        body: webhookUpdateSchema,
        response: { 200: webhookEndpointSchema, ...one, 422: errorResponses[422] },
      },
    },
    async (request) => changeWebhook(deps, actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/webhooks/:id',
    {
      schema: {
        tags,
        summary: 'Deletes an endpoint with its delivery log (administrators)',
        params: webhookParamsSchema,
        response: { 204: z.null(), ...one },
      },
    },
    async (request, reply) => {
      await removeWebhook(deps, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/webhooks/:id/rotate-secret',
    {
      schema: {
        tags,
        summary: 'Gives the endpoint a new secret, shown this once; the old one signs nothing more (administrators)',
        params: webhookParamsSchema,
        response: { 200: webhookSecretSchema, ...one },
      },
    },
    async (request) => rotateWebhookSecret(deps, actorOf(request), request.params.id),
  );

  app.post(
    '/api/webhooks/:id/test',
    {
      schema: {
        tags,
        summary: 'Queues a webhook.test event for this endpoint; the delivery log shows its answer (administrators)',
        params: webhookParamsSchema,
        response: { 201: webhookDeliverySchema, ...one, 422: errorResponses[422] },
      },
    },
    async (request, reply) => reply.status(201).send(await sendTestWebhook(deps, actorOf(request), request.params.id)),
  );

  app.get(
    '/api/webhooks/:id/deliveries',
    {
      schema: {
        tags,
        summary: "An endpoint's deliveries, newest first, optionally of one status (administrators)",
        params: webhookParamsSchema,
        querystring: webhookDeliveriesQuerySchema,
        response: { 200: webhookDeliveryPageSchema, ...one },
      },
    },
    async (request) => readDeliveries(deps, actorOf(request), request.params.id, request.query),
  );

  app.get(
    '/api/webhooks/:id/deliveries/:did',
    {
      schema: {
        tags,
        summary:
          'One delivery with its payload and each try: status code, time taken, what the endpoint answered (administrators)',
        params: webhookDeliveryParamsSchema,
        response: { 200: webhookDeliveryDetailSchema, ...one },
      },
    },
    async (request) => readDelivery(deps, actorOf(request), request.params.id, request.params.did),
  );

  app.post(
    '/api/webhooks/:id/deliveries/:did/replay',
    {
      schema: {
        tags,
        summary:
          'Queues the same message (its id and payload) to this endpoint again, as a new delivery (administrators)',
        params: webhookDeliveryParamsSchema,
        response: { 201: webhookDeliverySchema, ...one, 422: errorResponses[422] },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await replayDelivery(deps, actorOf(request), request.params.id, request.params.did)),
  );
}
