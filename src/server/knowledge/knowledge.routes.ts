import { z } from 'zod';
import { idSchema } from '../../contract/common.ts';
import {
  factInputSchema,
  itemInputSchema,
  knowledgeHistoryQuerySchema,
  knowledgeHistorySchema,
  knowledgeQuerySchema,
  knowledgeResponseSchema,
  knowledgeSchemaResponseSchema,
  logInputSchema,
  objectiveKeyParamsSchema,
  objectiveListSchema,
  objectiveSchema,
  objectiveUpdateBodySchema,
  retireQuerySchema,
  verifyBodySchema,
} from '../../contract/knowledge.ts';
import { EVIDENCE_SOURCE_LABELS, RECORDABLE_EVIDENCE_SOURCES } from '../../domain/knowledge/evidence.ts';
import { KNOWLEDGE_SCHEMA } from '../../domain/knowledge/schema.ts';
import type { AppDeps } from '../deps.ts';
import { actorOf, errorResponses, type App } from '../http.ts';
import { recordKnowledge } from '../deals/index.ts';
import * as knowledge from './knowledge.service.ts';
import * as objectives from './objectives.service.ts';

const opportunityParams = z.object({ id: idSchema });
const tags = ['knowledge'];

export function knowledgeRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/objectives',
    {
      schema: {
        tags,
        summary: 'The nine information objectives, as your organization words and weighs them',
        response: { 200: objectiveListSchema },
      },
    },
    async (request) => ({ items: await objectives.listObjectives(deps, actorOf(request)) }),
  );

  app.patch(
    '/api/objectives/:key',
    {
      schema: {
        tags,
        summary: 'Reword an objective or change its weight (administrators); each change is a new version',
        params: objectiveKeyParamsSchema,
        body: objectiveUpdateBodySchema,
        response: { 200: objectiveSchema, ...errorResponses },
      },
    },
    async (request) => objectives.updateObjective(deps, actorOf(request), request.params.key, request.body),
  );

  app.get(
    '/api/objectives/:key/versions',
    {
      schema: {
        tags,
        summary: 'Every version of an objective, oldest first',
        params: objectiveKeyParamsSchema,
        response: { 200: objectiveListSchema },
      },
    },
    async (request) => ({ items: await objectives.objectiveVersions(deps, actorOf(request), request.params.key) }),
  );

  app.get(
    '/api/knowledge/schema',
    {
      schema: {
        tags,
        summary: 'What can be recorded: kinds of item, their fields and value types, evidence sources',
        response: { 200: knowledgeSchemaResponseSchema },
      },
    },
    async () => ({
      kinds: KNOWLEDGE_SCHEMA.map((k) => ({
        kind: k.kind,
        label: k.label,
        objective: k.objective,
        singleton: k.singleton,
        identity: {
          ...(k.identity.contact ? { contact: true } : {}),
          ...(k.identity.title ? { title: k.identity.title } : {}),
          ...(k.identity.category
            ? { category: { label: k.identity.category.label, options: [...k.identity.category.options] } }
            : {}),
        },
        fields: k.fields.map(({ askWhom: _ask, options, ...f }) => ({
          ...f,
          ...(options ? { options: [...options] } : {}),
        })),
      })),
      evidenceSources: RECORDABLE_EVIDENCE_SOURCES.map((key) => ({ key, label: EVIDENCE_SOURCE_LABELS[key] })),
    }),
  );

  app.get(
    '/api/opportunities/:id/knowledge',
    {
      schema: {
        tags,
        summary:
          'What we know, per objective, with knowledge level, position, evidence, open questions, unknowns and the evaluator x alternative matrix; asOf replays a past day',
        params: opportunityParams,
        querystring: knowledgeQuerySchema,
        response: {
          200: knowledgeResponseSchema,
          400: errorResponses[400],
          404: errorResponses[404],
          422: errorResponses[422],
        },
      },
    },
    async (request) => knowledge.getKnowledge(deps, actorOf(request), request.params.id, request.query.asOf),
  );

  app.get(
    '/api/opportunities/:id/knowledge/history',
    {
      schema: {
        tags,
        summary: 'Who learned what, when, with which evidence (newest first)',
        params: opportunityParams,
        querystring: knowledgeHistoryQuerySchema,
        response: { 200: knowledgeHistorySchema, 404: errorResponses[404] },
      },
    },
    async (request) => knowledge.knowledgeHistory(deps, actorOf(request), request.params.id, request.query),
  );

  const writeResponses = { 200: knowledgeResponseSchema, ...errorResponses };

  app.post(
    '/api/opportunities/:id/knowledge/items',
    {
      schema: {
        tags,
        summary: 'Add an evaluator, alternative, criterion, business issue or decision step, with evidence',
        params: opportunityParams,
        body: itemInputSchema,
        response: writeResponses,
      },
    },
    async (request) =>
      recordKnowledge(
        deps,
        actorOf(request),
        request.params.id,
        request.body.version,
        knowledge.addItem(actorOf(request), request.params.id, request.body),
      ),
  );

  app.delete(
    '/api/opportunities/:id/knowledge/items/:itemId',
    {
      schema: {
        tags,
        summary: 'Retire an item (it stays in the history)',
        params: opportunityParams.extend({ itemId: idSchema }),
        querystring: retireQuerySchema,
        response: writeResponses,
      },
    },
    async (request) =>
      recordKnowledge(
        deps,
        actorOf(request),
        request.params.id,
        request.query.version,
        knowledge.retireItem(actorOf(request), request.params.id, request.params.itemId),
      ),
  );

  app.post(
    '/api/opportunities/:id/knowledge/facts',
    {
      schema: {
        tags,
        summary: 'Record a value or an explicit unknown for one field, with evidence',
        params: opportunityParams,
        body: factInputSchema,
        response: writeResponses,
      },
    },
    async (request) =>
      recordKnowledge(
        deps,
        actorOf(request),
        request.params.id,
        request.body.version,
        knowledge.addFact(actorOf(request), request.params.id, request.body),
      ),
  );

  app.delete(
    '/api/opportunities/:id/knowledge/facts/:factId',
    {
      schema: {
        tags,
        summary: 'Retire a fact (it stays in the history)',
        params: opportunityParams.extend({ factId: idSchema }),
        querystring: retireQuerySchema,
        response: writeResponses,
      },
    },
    async (request) =>
      recordKnowledge(
        deps,
        actorOf(request),
        request.params.id,
        request.query.version,
        knowledge.retireFact(actorOf(request), request.params.id, request.params.factId),
      ),
  );

  app.post(
    '/api/opportunities/:id/knowledge/facts/:factId/verify',
    {
      schema: {
        tags,
        summary: 'A buyer confirmed a fact again: it is fresh again, and the history shows when',
        params: opportunityParams.extend({ factId: idSchema }),
        body: verifyBodySchema,
        response: writeResponses,
      },
    },
    async (request) =>
      recordKnowledge(
        deps,
        actorOf(request),
        request.params.id,
        request.body.version,
        knowledge.verifyFact(actorOf(request), request.params.id, request.params.factId, request.body),
      ),
  );

  app.post(
    '/api/opportunities/:id/knowledge/log',
    {
      schema: {
        tags,
        summary: 'Log a meeting or call: everything learned in it, one source, contact and date, all or nothing',
        params: opportunityParams,
        body: logInputSchema,
        response: writeResponses,
      },
    },
    async (request) =>
      recordKnowledge(
        deps,
        actorOf(request),
        request.params.id,
        request.body.version,
        knowledge.logMeeting(actorOf(request), request.params.id, request.body),
      ),
  );
}
