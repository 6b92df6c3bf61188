import { z } from 'zod';
import {
  assessmentHistorySchema,
  assessmentQuerySchema,
  assessmentSchema,
  pastAssessmentSchema,
  modelResponseSchema,
  ruleListSchema,
  ruleParamsSchema,
  ruleUpdateBodySchema,
  ruleViewSchema,
  whatIfBodySchema,
  whatIfResponseSchema,
} from '../../contract/assessment.ts';
import { idSchema } from '../../contract/common.ts';
import type { AppDeps } from '../deps.ts';
import { actorOf, errorResponses, type App } from '../http.ts';
import { getAssessment, whatIfAssessment } from './assessment.service.ts';
import { getAssessmentHistory, getPastAssessment } from './history.service.ts';
import { listRules, modelCard, refitForActor, updateRule } from './model.service.ts';

const params = z.object({ id: idSchema });
const tags = ['assessment'];

export function assessmentRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/opportunities/:id/assessment',
    {
      schema: {
        tags,
        summary:
          'Win probability from what we know, with its band, the stage and seller figures, the reasons and their evidence, danger zones and next moves; with asOf, the smaller view of how it stood at the end of that day',
        params,
        querystring: assessmentQuerySchema,
        // the past view first: it requires asOf, which the live view lacks, so the live one is told apart at once
        response: {
          200: z.union([pastAssessmentSchema, assessmentSchema]),
          400: errorResponses[400],
          404: errorResponses[404],
          422: errorResponses[422],
        },
      },
    },
    async (request) =>
      request.query.asOf
        ? getPastAssessment(deps, actorOf(request), request.params.id, request.query.asOf)
        : getAssessment(deps, actorOf(request), request.params.id),
  );

  app.get(
    '/api/opportunities/:id/assessment/history',
    {
      schema: {
        tags,
        summary:
          "Every kept change of the deal's probability, band or danger zones, oldest first, each with what moved it",
        params,
        response: { 200: assessmentHistorySchema, 404: errorResponses[404] },
      },
    },
    async (request) => getAssessmentHistory(deps, actorOf(request), request.params.id),
  );

  app.post(
    '/api/opportunities/:id/assessment/what-if',
    {
      schema: {
        tags,
        summary: 'The assessment recomputed with hypothetical facts; nothing is written',
        params,
        body: whatIfBodySchema,
        response: { 200: whatIfResponseSchema, ...errorResponses },
      },
    },
    async (request) => whatIfAssessment(deps, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/model',
    {
      schema: {
        tags,
        summary: 'The current win-probability model: version, weights and model card',
        response: { 200: modelResponseSchema },
      },
    },
    async (request) => modelCard(deps, actorOf(request)),
  );

  app.post(
    '/api/model/refit',
    {
      schema: {
        tags,
        summary: "Refit the model on the organization's closed deals now (administrators)",
        response: {
          200: modelResponseSchema,
          403: errorResponses[403],
          409: errorResponses[409],
          422: errorResponses[422],
        },
      },
    },
    async (request) => refitForActor(deps, actorOf(request)),
  );

  app.get(
    '/api/danger-zones',
    {
      schema: {
        tags,
        summary: "The danger-zone rules with this organization's settings",
        response: { 200: ruleListSchema },
      },
    },
    async (request) => ({ items: await listRules(deps, actorOf(request)) }),
  );

  app.patch(
    '/api/danger-zones/:id',
    {
      schema: {
        tags,
        summary: 'Switch a danger-zone rule on or off, or tune its thresholds (administrators)',
        params: ruleParamsSchema,
        body: ruleUpdateBodySchema,
        response: { 200: ruleViewSchema, ...errorResponses },
      },
    },
    async (request) => updateRule(deps, actorOf(request), request.params.id, request.body),
  );
}
