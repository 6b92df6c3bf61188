import { topReviewQuerySchema, topReviewSchema } from '../../contract/reviews.ts';
import type { AppDeps } from '../deps.ts';
import { csvOf, sendCsv } from '../csv.ts';
import { actorOf, errorResponses, type App } from '../http.ts';
import { REVIEW_COLUMNS } from './reviews.export.ts';
import { renderReviewPdf, sendPdf } from './reviews.pdf.ts';
import { topReview } from './reviews.service.ts';

const tags = ['reviews'];

export function reviewRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/reviews/top',
    {
      schema: {
        tags,
        summary:
          'The top open deals of a team, a seller or the organization (20 by default, ranked by value × win probability, value, close date or risk), each answering: how likely and on what it rests, who evaluates with what influence, which alternatives and who favours them, which business issues we can impact, which criteria will decide; with the headline danger zones, what we do not know and the best next move, in the reporting currency',
        querystring: topReviewQuerySchema,
        response: {
          200: topReviewSchema,
          400: errorResponses[400],
          404: errorResponses[404],
          422: errorResponses[422],
        },
      },
    },
    async (request) => topReview(deps, actorOf(request), request.query),
  );

  app.get(
    '/api/reviews/top.csv',
    {
      schema: {
        tags,
        summary: 'The same review as a spreadsheet: one row per deal, each answer in a column of its own',
        querystring: topReviewQuerySchema,
        produces: ['text/csv'],
        response: { 400: errorResponses[400], 404: errorResponses[404], 422: errorResponses[422] },
      },
    },
    async (request, reply) => {
      const review = await topReview(deps, actorOf(request), request.query);
      const rows = review.items.map((item, k) => ({ ...item, rank: k + 1 }));
      const name = `pipeline-review-${review.period?.key ?? 'open'}.csv`;
      async function* pages() {
        yield rows;
      }
      return sendCsv(reply, name, csvOf(REVIEW_COLUMNS, pages()));
    },
  );

  app.get(
    '/api/reviews/top.pdf',
    {
      schema: {
        tags,
        summary:
          'The same review printed: landscape A4, three deals a page, each with its probability chart and the five answers',
        querystring: topReviewQuerySchema,
        produces: ['application/pdf'],
        response: { 400: errorResponses[400], 404: errorResponses[404], 422: errorResponses[422] },
      },
    },
    async (request, reply) => {
      const review = await topReview(deps, actorOf(request), request.query);
      const pdf = renderReviewPdf(review, { generatedOn: deps.now().toISOString().slice(0, 10) });
      return sendPdf(reply, `pipeline-review-${review.period?.key ?? 'open'}.pdf`, pdf);
    },
  );
}
