import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { toDateOnly } from '../../domain/dates.ts';
import { csvOf, sendCsv, withFirstPageRead } from '../csv.ts';
import type { AppDeps } from '../deps.ts';
import { actorOf, errorResponses, type App } from '../http.ts';
import { csvColumns, exportOwnOrganization, exportOwnTable, listExportTables } from './exports.service.ts';

export function exportRoutes(app: App, deps: AppDeps): void {
  const tags = ['export'];

  app.get(
    '/api/export',
    {
      schema: {
        tags,
        summary:
          'Everything the organization owns as one JSON document (administrators): people, records, knowledge with evidence, history, assessments, forecasts and coaching; `winsight import` reads it into another Winsight',
        produces: ['application/json'],
        // 200 is the document itself, streamed: no schema
        response: { 403: errorResponses[403] },
      },
    },
    async (request, reply) => {
      const chunks = exportOwnOrganization(deps, actorOf(request));
      // the first chunk read here: a failure then is an ordinary JSON error, before the download starts
      const first = await chunks.next();
      async function* all() {
        if (!first.done) yield first.value;
        yield* chunks;
      }
      return (reply as unknown as FastifyReply)
        .type('application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="winsight-export-${toDateOnly(deps.now())}.json"`)
        .send(Readable.from(all()));
    },
  );

  app.get(
    '/api/export/tables',
    {
      schema: {
        tags,
        summary: "The document's tables with how many of the organization's rows each holds (administrators)",
        response: {
          200: z.object({ items: z.array(z.object({ name: z.string(), rows: z.number().int() })) }),
          403: errorResponses[403],
        },
      },
    },
    async (request) => ({ items: await listExportTables(deps, actorOf(request)) }),
  );

  app.get(
    '/api/export/tables/:name',
    {
      schema: {
        tags,
        summary: "One table of the organization's document as CSV (administrators)",
        params: z.object({ name: z.string().max(100) }),
        produces: ['text/csv'],
        response: { 403: errorResponses[403], 404: errorResponses[404] },
      },
    },
    async (request, reply) => {
      const { columns, pages } = await exportOwnTable(deps, actorOf(request), request.params.name);
      const read = await withFirstPageRead(pages);
      return sendCsv(
        reply as unknown as FastifyReply,
        `winsight-${request.params.name}-${toDateOnly(deps.now())}.csv`,
        csvOf(
          columns.map(
            (c) => [c, (row: Record<string, unknown>) => (row[c] ?? null) as string | number | null] as const,
          ),
          read,
        ),
      );
    },
  );
}
