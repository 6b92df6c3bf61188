import { idParamsSchema } from '../../contract/common.ts';
import {
  dealHandOverBodySchema,
  handOverBodySchema,
  handOverListSchema,
  handOverParamsSchema,
  handOverPlanSchema,
  handOverResultSchema,
  handOverSchema,
  handOverSummarySchema,
  myHandOversQuerySchema,
} from '../../contract/hand-overs.ts';
import { handOverDeal, handOverLeaver, previewHandOver } from '../deals/index.ts';
import type { AppDeps } from '../deps.ts';
import { actorOf, errorResponses, type App } from '../http.ts';
import { sendPdf } from '../reviews/index.ts';
import { renderBriefPdf } from './brief.pdf.ts';
import { acknowledgeHandOver, getHandOver, listDealHandOvers, listMyHandOvers } from './hand-overs.service.ts';

const tags = ['hand-overs'];

export function handOverRoutes(app: App, deps: AppDeps): void {
  app.post(
    '/api/users/:id/hand-over/preview',
    {
      schema: {
        tags,
        summary:
          "The proposed (or checked) split of a leaver's open deals and accounts; nothing is written (administrators)",
        params: idParamsSchema,
        body: handOverBodySchema,
        response: { 200: handOverPlanSchema, ...errorResponses },
      },
    },
    async (request) => previewHandOver(deps, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/users/:id/hand-over',
    {
      schema: {
        tags,
        summary:
          'Deactivate a person and hand their open deals and accounts to one or several people, each deal with a brief, in one step (administrators)',
        params: idParamsSchema,
        body: handOverBodySchema,
        response: { 200: handOverResultSchema, ...errorResponses },
      },
    },
    async (request) => handOverLeaver(deps, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/hand-overs/mine',
    {
      schema: {
        tags,
        summary: 'The deals handed to the person asking: not yet acknowledged (default) or all',
        querystring: myHandOversQuerySchema,
        response: { 200: handOverListSchema, 400: errorResponses[400] },
      },
    },
    async (request) => listMyHandOvers(deps, actorOf(request), request.query.status),
  );

  app.post(
    '/api/opportunities/:id/hand-over',
    {
      schema: {
        tags,
        summary: 'Hand one open deal to another active seller, with a brief (managers for their team, administrators)',
        params: idParamsSchema,
        body: dealHandOverBodySchema,
        response: { 201: handOverSummarySchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await handOverDeal(deps, actorOf(request), request.params.id, request.body)),
  );

  app.get(
    '/api/opportunities/:id/hand-overs',
    {
      schema: {
        tags,
        summary: "A deal's hand-overs, newest first",
        params: idParamsSchema,
        response: { 200: handOverListSchema, 404: errorResponses[404] },
      },
    },
    async (request) => listDealHandOvers(deps, actorOf(request), request.params.id),
  );

  app.get(
    '/api/opportunities/:id/hand-overs/:hid',
    {
      schema: {
        tags,
        summary: 'One hand-over with its brief, as written when the deal was handed over',
        params: handOverParamsSchema,
        response: { 200: handOverSchema, 404: errorResponses[404] },
      },
    },
    async (request) => getHandOver(deps, actorOf(request), request.params.id, request.params.hid),
  );

  app.get(
    '/api/opportunities/:id/hand-overs/:hid/brief.pdf',
    {
      schema: {
        tags,
        summary: 'The hand-over brief as a PDF',
        params: handOverParamsSchema,
        produces: ['application/pdf'],
        response: { 404: errorResponses[404] },
      },
    },
    async (request, reply) => {
      const handOver = await getHandOver(deps, actorOf(request), request.params.id, request.params.hid);
      const safe = handOver.brief.deal.name.replace(/[^A-Za-z0-9-]+/g, '-').slice(0, 60);
      return sendPdf(reply, `hand-over-brief-${safe || 'deal'}.pdf`, renderBriefPdf(handOver));
    },
  );

  app.post(
    '/api/opportunities/:id/hand-overs/:hid/acknowledge',
    {
      schema: {
        tags,
        summary: 'The new owner acknowledges the brief (only them; again changes nothing)',
        params: handOverParamsSchema,
        response: { 200: handOverSchema, 403: errorResponses[403], 404: errorResponses[404] },
      },
    },
    async (request) => acknowledgeHandOver(deps, actorOf(request), request.params.id, request.params.hid),
  );
}
