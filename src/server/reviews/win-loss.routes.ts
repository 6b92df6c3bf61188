import { idParamsSchema } from '../../contract/common.ts';
import {
  retrospectiveAnswerSchema,
  retrospectiveBodySchema,
  winLossQuerySchema,
  winLossSchema,
} from '../../contract/win-loss.ts';
import { csvOf, sendCsv } from '../csv.ts';
import type { AppDeps } from '../deps.ts';
import { actorOf, errorResponses, type App } from '../http.ts';
import { WIN_LOSS_COLUMNS } from './win-loss.export.ts';
import { putRetrospective, winLossReview } from './win-loss.service.ts';

const tags = ['reviews'];

export function winLossRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/reviews/win-loss',
    {
      schema: {
        tags,
        summary:
          'The deals a team, a seller or the organization closed in a period (the last full quarter by default): what was known at each close against how it ended, the lessons (lost to an alternative nobody recorded, to an evaluator nobody mapped, on a criterion whose fit we never learned; outcomes the probability did not expect), each deal in the reporting currency at its close date, and per seller and team the counts, win rate and the unknowns that preceded losses, with each deal’s retrospective; the deals come a page at a time (`show`: all, lessons, won, lost or no_decision; `offset`, `limit`), with how many each list holds',
        querystring: winLossQuerySchema,
        response: {
          200: winLossSchema,
          400: errorResponses[400],
          404: errorResponses[404],
          422: errorResponses[422],
        },
      },
    },
    async (request) => winLossReview(deps, actorOf(request), request.query),
  );

  app.get(
    '/api/reviews/win-loss.csv',
    {
      schema: {
        tags,
        summary:
          'The same review as a spreadsheet (UTF-8 with a byte-order mark): one row per closed deal of the list `show` names (all of them by default), the latest close first, with its outcome, close date, value in the reporting currency at its close and its own amount, the win probability at the close, the lessons in words and the retrospective',
        querystring: winLossQuerySchema,
        produces: ['text/csv'],
        response: { 400: errorResponses[400], 404: errorResponses[404], 422: errorResponses[422] },
      },
    },
    async (request, reply) => {
      // the whole review is built (and refused) before any download header is set
      const review = await winLossReview(deps, actorOf(request), request.query, { allDeals: true });
      async function* pages() {
        yield review.deals;
      }
      return sendCsv(reply, `win-loss-${review.period.key}.csv`, csvOf(WIN_LOSS_COLUMNS, pages()));
    },
  );

  app.put(
    '/api/opportunities/:id/retrospective',
    {
      schema: {
        tags,
        summary:
          'Write a closed deal’s retrospective (plain text, at most 1,000 characters): whoever may change the deal may write it; the first without a version, each next one with the version last seen (a stale one answers 409 with the current one)',
        params: idParamsSchema,
        body: retrospectiveBodySchema,
        response: { 200: retrospectiveAnswerSchema, ...errorResponses },
      },
    },
    async (request) => putRetrospective(deps, actorOf(request), request.params.id, request.body),
  );
}
