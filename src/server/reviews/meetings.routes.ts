import { z } from 'zod';
import { idParamsSchema } from '../../contract/common.ts';
import { markBodySchema, markParamsSchema, reviewMarkListSchema, reviewMarkSchema } from '../../contract/marks.ts';
import {
  changesQuerySchema,
  meetingBodySchema,
  reviewChangesSchema,
  reviewMeetingSchema,
} from '../../contract/review-meetings.ts';
import type { AppDeps } from '../deps.ts';
import { actorOf, errorResponses, type App } from '../http.ts';
import { addMark, listDealMarks, removeMark } from './marks.service.ts';
import { recordReview, reviewChanges } from './meetings.service.ts';

const tags = ['reviews'];

export function meetingRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/reviews/changes',
    {
      schema: {
        tags,
        summary:
          'What changed in a team’s, a seller’s or the organization’s pipeline since its last recorded review (or since a day’s snapshot, a week ago by default): deals added and dropped and why, probability moves with what moved them, close dates pushed or pulled in, danger zones entered and resolved; and the deals with items marked to discuss',
        querystring: changesQuerySchema,
        response: { 200: reviewChangesSchema, 400: errorResponses[400], 404: errorResponses[404] },
      },
    },
    async (request) => reviewChanges(deps, actorOf(request), request.query),
  );

  app.post(
    '/api/reviews/meetings',
    {
      schema: {
        tags,
        summary:
          'Records a review held (managers and admins): keeps every open deal of the scope as it stands, for the next review to compare with, and takes up the items marked to discuss',
        body: meetingBodySchema,
        response: { 201: reviewMeetingSchema, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await recordReview(deps, actorOf(request), request.body)),
  );

  app.get(
    '/api/opportunities/:id/marks',
    {
      schema: {
        tags,
        summary: 'The items of a deal marked to discuss at the next review',
        params: idParamsSchema,
        response: { 200: reviewMarkListSchema, 404: errorResponses[404] },
      },
    },
    async (request) => listDealMarks(deps, actorOf(request), request.params.id),
  );

  app.post(
    '/api/opportunities/:id/marks',
    {
      schema: {
        tags,
        summary:
          'Marks an item of a deal (one of the review’s answers, or the deal itself) to discuss at the next review',
        params: idParamsSchema,
        body: markBodySchema,
        response: { 201: reviewMarkSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addMark(deps, actorOf(request), request.params.id, request.body)),
  );

  app.delete(
    '/api/opportunities/:id/marks/:markId',
    {
      schema: {
        tags,
        summary: 'Takes a mark off before the review (a review held takes them all up)',
        params: markParamsSchema,
        response: { 204: z.null(), 404: errorResponses[404] },
      },
    },
    async (request, reply) => {
      await removeMark(deps, actorOf(request), request.params.id, request.params.markId);
      return reply.status(204).send(null);
    },
  );
}
