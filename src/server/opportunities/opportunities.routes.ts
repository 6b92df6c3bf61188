import type { FastifyReply } from 'fastify';
import { toDateOnly } from '../../domain/dates.ts';
import {
  opportunityCreateBodySchema,
  opportunityExportQuerySchema,
  opportunityListQuerySchema,
  opportunitySchema,
  opportunityUpdateBodySchema,
} from '../../contract/opportunities.ts';
import type { AppDeps } from '../deps.ts';
import { actorOf, errorResponses, type App } from '../http.ts';
import { recordRoutes } from '../records.routes.ts';
import { opportunitiesCsv } from './opportunities.export.ts';
import * as service from './opportunities.service.ts';

export function opportunityRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/opportunities/export.csv',
    {
      schema: {
        tags: ['opportunities'],
        summary: 'Every opportunity you can see that matches the list filters, in the list order, as CSV (UTF-8 with a byte-order mark)',
        querystring: opportunityExportQuerySchema,
        produces: ['text/csv'],
        // 200 is the CSV stream itself (a header row, then one row per opportunity): not JSON, so no schema
        response: { 400: errorResponses[400] },
      },
    },
    async (request, reply) => {
      const csv = opportunitiesCsv(deps, actorOf(request), request.query);
      // the reply type follows the JSON schemas above; a stream is sent as it is
      return (reply as unknown as FastifyReply)
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="winsight-opportunities-${toDateOnly(deps.now())}.csv"`)
        .send(csv);
    },
  );

  recordRoutes(app, deps, {
    path: '/api/opportunities',
    tag: 'opportunities',
    noun: 'opportunity',
    schemas: {
      listQuery: opportunityListQuerySchema,
      create: opportunityCreateBodySchema,
      update: opportunityUpdateBodySchema,
      record: opportunitySchema,
    },
    service: {
      list: service.listOpportunities,
      get: service.getOpportunity,
      create: service.createOpportunity,
      update: service.updateOpportunity,
      remove: service.deleteOpportunity,
      restore: service.restoreOpportunity,
      history: service.opportunityHistory,
    },
  });
}
