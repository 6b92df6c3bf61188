import {
  assignmentCompleteBodySchema,
  assignmentCreateBodySchema,
  assignmentDetailSchema,
  assignmentListQuerySchema,
  assignmentListSchema,
  assignmentNoteBodySchema,
  assignmentReopenBodySchema,
  completionResultSchema,
  successConditionListSchema,
} from '../../contract/assignments.ts';
import { idParamsSchema } from '../../contract/common.ts';
import type { AppDeps } from '../deps.ts';
import { actorOf, errorResponses, type App } from '../http.ts';
import * as service from './assignments.service.ts';

const tags = ['coaching'];

export function assignmentRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/coaching/success-conditions',
    {
      schema: {
        tags,
        summary:
          'The success conditions an on-the-job assignment can be checked by, each with the root causes it fits and its parameters',
        response: { 200: successConditionListSchema },
      },
    },
    async () => service.listSuccessConditions(),
  );

  app.get(
    '/api/coaching/assignments',
    {
      schema: {
        tags,
        summary:
          'A seller’s learning assignments, the soonest due first, with on-the-job conditions checked on the deal now (the asker’s own without `seller`; the seller, their managers and admins only)',
        querystring: assignmentListQuerySchema,
        response: { 200: assignmentListSchema, 400: errorResponses[400], 404: errorResponses[404] },
      },
    },
    async (request) => ({ items: await service.listAssignments(deps, actorOf(request), request.query.seller) }),
  );

  app.get(
    '/api/coaching/assignments/:id',
    {
      schema: {
        tags,
        summary: 'One assignment with the learning content (a quiz without its answers)',
        params: idParamsSchema,
        response: { 200: assignmentDetailSchema, 404: errorResponses[404] },
      },
    },
    async (request) => service.getAssignment(deps, actorOf(request), request.params.id),
  );

  app.post(
    '/api/coaching/assignments',
    {
      schema: {
        tags,
        summary:
          'Assign learning from the catalog to a seller of your team: due date, root cause, the gap it answers and, for on-the-job work, one of their open deals and a success condition from the list (managers and admins)',
        body: assignmentCreateBodySchema,
        response: { 201: assignmentDetailSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createAssignment(deps, actorOf(request), request.body)),
  );

  const responses = { 200: assignmentDetailSchema, ...errorResponses };
  app.post(
    '/api/coaching/assignments/:id/start',
    {
      schema: { tags, summary: 'The seller starts their assignment', params: idParamsSchema, response: responses },
    },
    async (request) => service.startAssignment(deps, actorOf(request), request.params.id),
  );

  app.post(
    '/api/coaching/assignments/:id/complete',
    {
      schema: {
        tags,
        summary:
          'The seller completes their assignment: the quiz graded here (a failed one stays open for another attempt), a reflection and an evidence note',
        params: idParamsSchema,
        body: assignmentCompleteBodySchema,
        response: { 200: completionResultSchema, ...errorResponses },
      },
    },
    async (request) => service.completeAssignment(deps, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/coaching/assignments/:id/verify',
    {
      schema: {
        tags,
        summary: 'The seller’s manager (or an admin) confirms the learning applied',
        params: idParamsSchema,
        body: assignmentNoteBodySchema,
        response: responses,
      },
    },
    async (request) => service.verifyAssignment(deps, actorOf(request), request.params.id, request.body.note),
  );

  app.post(
    '/api/coaching/assignments/:id/reopen',
    {
      schema: {
        tags,
        summary: 'The seller’s manager (or an admin) sends the assignment back, saying why',
        params: idParamsSchema,
        body: assignmentReopenBodySchema,
        response: responses,
      },
    },
    async (request) => service.reopenAssignment(deps, actorOf(request), request.params.id, request.body.note),
  );

  app.post(
    '/api/coaching/assignments/:id/abandon',
    {
      schema: {
        tags,
        summary: 'The seller’s manager (or an admin) drops the assignment',
        params: idParamsSchema,
        body: assignmentNoteBodySchema,
        response: responses,
      },
    },
    async (request) => service.abandonAssignment(deps, actorOf(request), request.params.id, request.body.note),
  );
}
