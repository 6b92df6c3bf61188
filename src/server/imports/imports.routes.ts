import type { Readable } from 'node:stream';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  IMPORT_KIND_LIST,
  IMPORT_TARGET_LIST,
  importListSchema,
  importRunBodySchema,
  importSchema,
  importTargetsSchema,
  importUploadedSchema,
  importUploadQuerySchema,
} from '../../contract/imports.ts';
import { idParamsSchema } from '../../contract/common.ts';
import { BUILTIN_MAPPINGS } from '../../domain/imports/builtin.ts';
import type { AppDeps } from '../deps.ts';
import { actorOf, errorResponses, type App } from '../http.ts';
import { requireAdmin } from '../policy.ts';
import * as service from './imports.service.ts';

const tags = ['imports'];

export function importRoutes(app: App, deps: AppDeps): void {
  // the CSV arrives as the body itself, streamed to disk: no JSON, no 1 MB limit
  void app.register(async (scope) => {
    scope.addContentTypeParser(['text/csv', 'text/plain', 'application/octet-stream'], (_request, payload, done) =>
      done(null, payload),
    );
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/imports',
      {
        schema: {
          tags,
          summary:
            'Upload a CSV to import (administrators): the file as the body (text/csv), its name in ?fileName; answers with the first rows as they will be read and column suggestions. 413 past 200 MB',
          querystring: importUploadQuerySchema,
          response: {
            201: importUploadedSchema,
            400: errorResponses[400],
            403: errorResponses[403],
            413: errorResponses[400],
            422: errorResponses[422],
          },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        requireAdmin(actor);
        const body = request.body as Readable | undefined;
        if (!body || typeof (body as Readable).pipe !== 'function') {
          throw service.notACsvBody();
        }
        const uploaded = await service.uploadImport(deps, actor, request.query.fileName, body);
        return reply.status(201).send(uploaded);
      },
    );
  });

  app.get(
    '/api/imports',
    {
      schema: {
        tags,
        summary: "The organization's last 50 imports (administrators)",
        response: { 200: importListSchema, 403: errorResponses[403] },
      },
    },
    async (request) => service.listImports(deps, actorOf(request)),
  );

  app.get(
    '/api/imports/targets',
    {
      schema: {
        tags,
        summary: 'What a mapping can fill, and the ready mappings (administrators)',
        response: { 200: importTargetsSchema, 403: errorResponses[403] },
      },
    },
    async (request) => {
      requireAdmin(actorOf(request));
      return {
        targets: IMPORT_TARGET_LIST,
        kinds: IMPORT_KIND_LIST,
        mappings: Object.entries(BUILTIN_MAPPINGS).map(([name, m]) => ({
          name,
          label: m.name,
          kind: 'kind' in m ? m.kind : ('opportunity' as const),
          description: m.description,
          mapping: m as unknown as Record<string, unknown>,
        })),
      };
    },
  );

  app.get(
    '/api/imports/:id',
    {
      schema: {
        tags,
        summary:
          'An import: its status, rows done of the total, and its problems with line and column (administrators)',
        params: idParamsSchema,
        response: { 200: importSchema, 403: errorResponses[403], 404: errorResponses[404] },
      },
    },
    async (request) => service.getImport(deps, actorOf(request), request.params.id),
  );

  app.post(
    '/api/imports/:id/run',
    {
      schema: {
        tags,
        summary:
          'Check (dryRun) or import an uploaded file with a mapping, in the background; poll GET /api/imports/:id (administrators). All or nothing',
        params: idParamsSchema,
        body: importRunBodySchema,
        response: {
          202: importSchema,
          400: errorResponses[400],
          403: errorResponses[403],
          404: errorResponses[404],
          409: errorResponses[409],
          422: errorResponses[422],
        },
      },
    },
    async (request, reply) =>
      reply.status(202).send(await service.startImport(deps, actorOf(request), request.params.id, request.body)),
  );
}
