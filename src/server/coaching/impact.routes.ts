import { idParamsSchema } from '../../contract/common.ts';
import { effectivenessQuerySchema, effectivenessSchema, impactSchema } from '../../contract/impact.ts';
import type { AppDeps } from '../deps.ts';
import { actorOf, errorResponses, type App } from '../http.ts';
import { getEffectiveness, getImpact } from './impact.service.ts';

const tags = ['coaching'];

export function impactRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/coaching/assignments/:id/impact',
    {
      schema: {
        tags,
        summary:
          'The impact of an assignment: its indicator for the seller on the day it was assigned and 30, 60 and 90 days on (or up to today), against the median move of the sellers nobody coached on it, with what that says (the seller, their managers and admins only)',
        params: idParamsSchema,
        response: { 200: impactSchema, 404: errorResponses[404], 422: errorResponses[422] },
      },
    },
    async (request) => getImpact(deps, actorOf(request), request.params.id),
  );

  app.get(
    '/api/coaching/effectiveness',
    {
      schema: {
        tags,
        summary:
          'A manager’s coaching effectiveness over a period: diagnoses per seller per month, sellers with a plan under way, days from diagnosis to assignment, completion, application and verification rates, and the coached indicators’ move against the sellers not coached on them (managers for their team, admins for any manager)',
        querystring: effectivenessQuerySchema,
        response: {
          200: effectivenessSchema,
          400: errorResponses[400],
          403: errorResponses[403],
          404: errorResponses[404],
          422: errorResponses[422],
        },
      },
    },
    async (request) => getEffectiveness(deps, actorOf(request), request.query),
  );
}
