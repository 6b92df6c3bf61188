import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../domain/access.ts';
import { toDateOnly } from '../domain/dates.ts';
import { historyQuerySchema, historyResponseSchema, type AuditEvent } from '../contract/audit.ts';
import { idParamsSchema } from '../contract/common.ts';
import type { AppDeps } from './deps.ts';
import { csvOf, offsetPages, sendCsv, withFirstPageRead, type CsvColumn } from './csv.ts';
import { actorOf, errorResponses, type App } from './http.ts';

type Page = { limit: number; offset: number };

/** What a kept record (account, contact, opportunity) offers over HTTP. */
export type RecordService<Q, C, U, R> = {
  list(deps: AppDeps, actor: Actor, query: Q): Promise<{ items: R[]; total: number | null }>;
  get(deps: AppDeps, actor: Actor, id: string): Promise<R>;
  create(deps: AppDeps, actor: Actor, input: C): Promise<R>;
  update(deps: AppDeps, actor: Actor, id: string, input: U): Promise<R>;
  remove(deps: AppDeps, actor: Actor, id: string): Promise<void>;
  restore(deps: AppDeps, actor: Actor, id: string): Promise<R>;
  history(deps: AppDeps, actor: Actor, id: string, page: Page): Promise<{ items: AuditEvent[]; total: number }>;
};

export type RecordSchemas<Q extends z.ZodType, C extends z.ZodType, U extends z.ZodType, R extends z.ZodType> = {
  listQuery: Q;
  /** the list's answer, when it says more than `{ items, total }` (a cursor, what the total means) */
  list?: z.ZodType;
  create: C;
  update: U;
  record: R;
};

/**
 * The same routes for every kept record: list, read, create, change (with the version last seen),
 * soft delete, restore, history, and optionally the list as CSV. Each parses its input with the
 * record's schemas.
 */
export function recordRoutes<Q extends z.ZodType, C extends z.ZodType, U extends z.ZodType, R extends z.ZodType>(
  app: App,
  deps: AppDeps,
  spec: {
    path: string;
    tag: string;
    noun: string;
    schemas: RecordSchemas<Q, C, U, R>;
    service: RecordService<z.output<Q>, z.output<C>, z.output<U>, z.output<R>>;
    /** a CSV download of the list (`<path>/export.csv`): every matching record, in the list's order */
    export?: {
      /** the file is winsight-<name>-<date>.csv */
      name: string;
      columns: ReadonlyArray<CsvColumn<z.output<R>>>;
      /** the records a page at a time; by default the list service with growing offsets */
      pages?: (
        deps: AppDeps,
        actor: Actor,
        query: Omit<z.output<Q>, 'limit' | 'offset' | 'cursor'>,
        pageSize: number,
      ) => AsyncIterable<Array<z.output<R>>>;
    };
  },
): void {
  const { path, tag, noun, schemas, service } = spec;
  // Widened to ZodType: TypeScript cannot relate a generic schema to the reply type Fastify
  // derives from it. Inputs are still parsed and every response still checked at run time.
  const record: z.ZodType = schemas.record;
  const list: z.ZodType = schemas.list ?? z.object({ items: z.array(schemas.record), total: z.number().int() });
  const listQuery: z.ZodType = schemas.listQuery;
  const create: z.ZodType = schemas.create;
  const update: z.ZodType = schemas.update;

  app.get(
    path,
    {
      schema: {
        tags: [tag],
        summary: `List ${noun}s you can see`,
        querystring: listQuery,
        response: { 200: list, 400: errorResponses[400] },
      },
    },
    async (request) => await service.list(deps, actorOf(request), request.query as z.output<Q>),
  );

  app.post(
    path,
    {
      schema: {
        tags: [tag],
        summary: `Create a ${noun}`,
        body: create,
        response: { 201: record, 400: errorResponses[400], 422: errorResponses[422] },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.create(deps, actorOf(request), request.body as z.output<C>)),
  );

  if (spec.export) {
    const { name, columns, pages } = spec.export;
    const listQueryObject: z.ZodType = schemas.listQuery;
    if (!(listQueryObject instanceof z.ZodObject))
      throw new Error(`${path}: an exported list needs an object query schema`);
    // the download is every page: the paging parameters (those the list has) are not its own
    const paging: Record<string, true> = {};
    for (const key of ['limit', 'offset', 'cursor']) if (key in listQueryObject.shape) paging[key] = true;
    const exportQuery: z.ZodType = listQueryObject.omit(paging);
    app.get(
      `${path}/export.csv`,
      {
        schema: {
          tags: [tag],
          summary: `Every ${noun} you can see that matches the list's filters, in its order, as CSV (UTF-8 with a byte-order mark)`,
          querystring: exportQuery,
          produces: ['text/csv'],
          // 200 is the CSV stream itself (a header row, then one row per record): not JSON, so no schema
          response: { 400: errorResponses[400] },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const filters = request.query as Omit<z.output<Q>, 'limit' | 'offset' | 'cursor'>;
        const records = await withFirstPageRead(
          pages
            ? pages(deps, actor, filters, 1000)
            : offsetPages(
                (offset, limit) => service.list(deps, actor, { ...filters, offset, limit } as z.output<Q>),
                1000,
              ),
        );
        // the reply type follows the JSON schemas above; a stream is sent as it is
        return sendCsv(
          reply as unknown as FastifyReply,
          `winsight-${name}-${toDateOnly(deps.now())}.csv`,
          csvOf(columns, records),
        );
      },
    );
  }

  app.get(
    `${path}/:id`,
    {
      schema: {
        tags: [tag],
        summary: `One ${noun}`,
        params: idParamsSchema,
        response: { 200: record, 404: errorResponses[404] },
      },
    },
    async (request) => await service.get(deps, actorOf(request), request.params.id),
  );

  app.patch(
    `${path}/:id`,
    {
      schema: {
        tags: [tag],
        summary: `Change a ${noun}; send the version you last saw (a stale one answers 409 with the current record)`,
        params: idParamsSchema,
        body: update,
        response: { 200: record, ...errorResponses },
      },
    },
    async (request) => await service.update(deps, actorOf(request), request.params.id, request.body as z.output<U>),
  );

  app.delete(
    `${path}/:id`,
    {
      schema: {
        tags: [tag],
        summary: `Delete a ${noun} (kept with its history; can be restored)`,
        params: idParamsSchema,
        response: { 204: z.null(), 404: errorResponses[404], 409: errorResponses[409] },
      },
    },
    async (request, reply) => {
      await service.remove(deps, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    `${path}/:id/restore`,
    {
      schema: {
        tags: [tag],
        summary: `Bring back a deleted ${noun}`,
        params: idParamsSchema,
        response: { 200: record, 404: errorResponses[404], 409: errorResponses[409] },
      },
    },
    async (request) => await service.restore(deps, actorOf(request), request.params.id),
  );

  app.get(
    `${path}/:id/history`,
    {
      schema: {
        tags: [tag],
        summary: `Every change to a ${noun}: who, when, each field old -> new (newest first)`,
        params: idParamsSchema,
        querystring: historyQuerySchema,
        response: { 200: historyResponseSchema, 404: errorResponses[404] },
      },
    },
    async (request) => service.history(deps, actorOf(request), request.params.id, request.query),
  );
}
