import { gapRulesBodySchema, gapRulesResetBodySchema, gapRulesSchema } from '../../contract/gap-rules.ts';
import type { AppDeps } from '../deps.ts';
import { actorOf, errorResponses, type App } from '../http.ts';
import * as service from './gap-rules.service.ts';

const tags = ['coaching'];

export function gapRuleRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/coaching/gap-rules',
    {
      schema: {
        tags,
        summary:
          'The gap rules scorecards are read with: each in plain words, and the danger-zone recurrence setting (every member)',
        response: { 200: gapRulesSchema },
      },
    },
    async (request) => service.readGapRules(deps, actorOf(request)),
  );

  app.put(
    '/api/coaching/gap-rules',
    {
      schema: {
        tags,
        summary:
          'Replace the whole set of gap rules, at the version last seen (administrators; 400 names the field at fault)',
        body: gapRulesBodySchema,
        response: { 200: gapRulesSchema, 400: errorResponses[400], 403: errorResponses[403], 409: errorResponses[409] },
      },
    },
    async (request) => service.replaceGapRules(deps, actorOf(request), request.body),
  );

  app.post(
    '/api/coaching/gap-rules/reset',
    {
      schema: {
        tags,
        summary: 'Go back to the default gap rules, at the version last seen (administrators)',
        body: gapRulesResetBodySchema,
        response: { 200: gapRulesSchema, 400: errorResponses[400], 403: errorResponses[403], 409: errorResponses[409] },
      },
    },
    async (request) => service.resetGapRules(deps, actorOf(request), request.body.version),
  );
}
