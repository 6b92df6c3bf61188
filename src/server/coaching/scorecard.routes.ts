import { scorecardSchema, sellerParamsSchema, teamCoachingSchema, teamQuerySchema } from '../../contract/scorecard.ts';
import type { AppDeps } from '../deps.ts';
import { actorOf, errorResponses, type App } from '../http.ts';
import { getScorecard, getTeamCoaching } from './scorecard.service.ts';

const tags = ['coaching'];

export function scorecardRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/coaching/sellers/:id/scorecard',
    {
      schema: {
        tags,
        summary:
          'A seller’s scorecard: leading indicators and results against the peers’ median and their own baseline, each with its trend, and the gaps a rule flags with their likely root causes (the seller, their managers and admins only)',
        params: sellerParamsSchema,
        response: { 200: scorecardSchema, 404: errorResponses[404], 422: errorResponses[422] },
      },
    },
    async (request) => getScorecard(deps, actorOf(request), request.params.id),
  );

  app.get(
    '/api/coaching/team',
    {
      schema: {
        tags,
        summary:
          'Every seller of a manager’s team with their indicators and flagged gaps at a glance (managers and admins)',
        querystring: teamQuerySchema,
        response: {
          200: teamCoachingSchema,
          403: errorResponses[403],
          404: errorResponses[404],
          422: errorResponses[422],
        },
      },
    },
    async (request) => getTeamCoaching(deps, actorOf(request), request.query.manager),
  );
}
