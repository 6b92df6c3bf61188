import { idParamsSchema } from '../../contract/common.ts';
import {
  diagnosisAbandonBodySchema,
  diagnosisAnswersBodySchema,
  diagnosisConcludeBodySchema,
  diagnosisListQuerySchema,
  diagnosisListSchema,
  diagnosisSchema,
  diagnosisStartBodySchema,
} from '../../contract/diagnoses.ts';
import type { AppDeps } from '../deps.ts';
import { actorOf, errorResponses, type App } from '../http.ts';
import * as service from './diagnosis.service.ts';

const tags = ['coaching'];

export function diagnosisRoutes(app: App, deps: AppDeps): void {
  app.post(
    '/api/coaching/diagnoses',
    {
      schema: {
        tags,
        summary:
          'Start the guided diagnosis of a seller’s gap, from a gap their scorecard flags today or from what the manager saw (managers of their chain and admins)',
        body: diagnosisStartBodySchema,
        response: {
          201: diagnosisSchema,
          400: errorResponses[400],
          403: errorResponses[403],
          422: errorResponses[422],
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.startDiagnosis(deps, actorOf(request), request.body)),
  );

  app.get(
    '/api/coaching/diagnoses',
    {
      schema: {
        tags,
        summary:
          'The diagnoses of a seller (or of everyone the reader coaches), newest first; a seller sees only their concluded ones',
        querystring: diagnosisListQuerySchema,
        response: { 200: diagnosisListSchema, 400: errorResponses[400], 404: errorResponses[404] },
      },
    },
    async (request) => ({ items: await service.listDiagnoses(deps, actorOf(request), request.query.seller) }),
  );

  app.get(
    '/api/coaching/diagnoses/:id',
    {
      schema: {
        tags,
        summary: 'One diagnosis with its answers and what they point to now',
        params: idParamsSchema,
        response: { 200: diagnosisSchema, 404: errorResponses[404] },
      },
    },
    async (request) => service.getDiagnosis(deps, actorOf(request), request.params.id),
  );

  app.put(
    '/api/coaching/diagnoses/:id/answers',
    {
      schema: {
        tags,
        summary: 'Save the answers of one step (those left out are cleared); never a note on a wellbeing answer',
        params: idParamsSchema,
        body: diagnosisAnswersBodySchema,
        response: { 200: diagnosisSchema, ...errorResponses },
      },
    },
    async (request) => service.saveStepAnswers(deps, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/coaching/diagnoses/:id/conclude',
    {
      schema: {
        tags,
        summary: 'Conclude on a root cause, its level and the fix; the diagnosis is then read-only',
        params: idParamsSchema,
        body: diagnosisConcludeBodySchema,
        response: { 200: diagnosisSchema, ...errorResponses },
      },
    },
    async (request) => service.concludeDiagnosis(deps, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/coaching/diagnoses/:id/abandon',
    {
      schema: {
        tags,
        summary: 'Abandon a diagnosis in progress (the seller never sees it)',
        params: idParamsSchema,
        body: diagnosisAbandonBodySchema,
        response: { 200: diagnosisSchema, ...errorResponses },
      },
    },
    async (request) => service.abandonDiagnosis(deps, actorOf(request), request.params.id, request.body.version),
  );
}
