import {
  actionCreateBodySchema,
  actionParamsSchema,
  actionUpdateBodySchema,
  agreedActionListSchema,
  agreedActionSchema,
  myActionListSchema,
} from '../../contract/actions.ts';
import { idParamsSchema } from '../../contract/common.ts';
import type { AppDeps } from '../deps.ts';
import { actorOf, errorResponses, type App } from '../http.ts';
import { addAction, listDealActions, listMyActions, setActionDone } from './actions.service.ts';

const tags = ['reviews'];

export function actionRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/actions/mine',
    {
      schema: {
        tags,
        summary: 'The open actions agreed for the person asking, on open deals, by due date (at most 100)',
        response: { 200: myActionListSchema },
      },
    },
    async (request) => listMyActions(deps, actorOf(request)),
  );

  app.get(
    '/api/opportunities/:id/actions',
    {
      schema: {
        tags,
        summary: 'The actions agreed on a deal: open ones first, by due date, then those done',
        params: idParamsSchema,
        response: { 200: agreedActionListSchema, 404: errorResponses[404] },
      },
    },
    async (request) => listDealActions(deps, actorOf(request), request.params.id),
  );

  app.post(
    '/api/opportunities/:id/actions',
    {
      schema: {
        tags,
        summary: 'Records an action agreed on a deal, for someone who works on it, with a due date',
        params: idParamsSchema,
        body: actionCreateBodySchema,
        response: { 201: agreedActionSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addAction(deps, actorOf(request), request.params.id, request.body)),
  );

  app.patch(
    '/api/opportunities/:id/actions/:actionId',
    {
      schema: {
        tags,
        summary: 'Marks an agreed action done, or open again',
        params: actionParamsSchema,
        body: actionUpdateBodySchema,
        response: { 200: agreedActionSchema, ...errorResponses },
      },
    },
    async (request) =>
      setActionDone(deps, actorOf(request), request.params.id, request.params.actionId, request.body.done),
  );
}
