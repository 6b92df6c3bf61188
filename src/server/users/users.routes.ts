import { z } from 'zod';
import { historyQuerySchema, historyResponseSchema } from '../../contract/audit.ts';
import { idParamsSchema } from '../../contract/common.ts';
import {
  reassignBodySchema,
  reassignResultSchema,
  userCreateBodySchema,
  userListSchema,
  userSchema,
  userTokenListSchema,
  userTokenParamsSchema,
  userUpdateBodySchema,
} from '../../contract/users.ts';
import { reassignRecords } from '../deals/index.ts';
import type { AppDeps } from '../deps.ts';
import { actorOf, errorResponses, type App } from '../http.ts';
import * as service from './users.service.ts';

export function userRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/users',
    { schema: { tags: ['users'], summary: 'People of your organization', response: { 200: userListSchema } } },
    async (request) => {
      const items = await service.listUsers(deps, actorOf(request));
      return { items, total: items.length };
    },
  );

  app.get(
    '/api/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'One person',
        params: idParamsSchema,
        response: { 200: userSchema, 404: errorResponses[404] },
      },
    },
    async (request) => service.getUser(deps, actorOf(request), request.params.id),
  );

  app.post(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Add a person (administrators)',
        body: userCreateBodySchema,
        response: {
          201: userSchema,
          400: errorResponses[400],
          403: errorResponses[403],
          409: errorResponses[409],
          422: errorResponses[422],
        },
      },
    },
    async (request, reply) => reply.status(201).send(await service.createUser(deps, actorOf(request), request.body)),
  );

  app.patch(
    '/api/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Change role, manager, name, password or active state (administrators)',
        params: idParamsSchema,
        body: userUpdateBodySchema,
        response: { 200: userSchema, ...errorResponses },
      },
    },
    async (request) => service.updateUser(deps, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/users/:id/reassign',
    {
      schema: {
        tags: ['users'],
        summary: "Hand a person's open opportunities and accounts to someone else (administrators)",
        params: idParamsSchema,
        body: reassignBodySchema,
        response: { 200: reassignResultSchema, ...errorResponses },
      },
    },
    async (request) => reassignRecords(deps, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/users/:id/history',
    {
      schema: {
        tags: ['users'],
        summary: 'Changes to a person (administrators)',
        params: idParamsSchema,
        querystring: historyQuerySchema,
        response: { 200: historyResponseSchema, 403: errorResponses[403], 404: errorResponses[404] },
      },
    },
    async (request) => service.userHistory(deps, actorOf(request), request.params.id, request.query),
  );

  app.get(
    '/api/users/:id/tokens',
    {
      schema: {
        tags: ['users'],
        summary: "A person's API tokens, live and revoked (administrators)",
        params: idParamsSchema,
        response: { 200: userTokenListSchema, 403: errorResponses[403], 404: errorResponses[404] },
      },
    },
    async (request) => ({ items: await service.listUserTokens(deps, actorOf(request), request.params.id) }),
  );

  app.delete(
    '/api/users/:id/tokens/:tokenId',
    {
      schema: {
        tags: ['users'],
        summary: "Revoke one of a person's API tokens (administrators)",
        params: userTokenParamsSchema,
        response: { 204: z.null(), 403: errorResponses[403], 404: errorResponses[404] },
      },
    },
    async (request, reply) => {
      await service.revokeUserToken(deps, actorOf(request), request.params.id, request.params.tokenId);
      return reply.status(204).send(null);
    },
  );
}
