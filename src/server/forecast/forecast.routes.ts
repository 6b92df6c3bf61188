import {
  accuracyQuerySchema,
  accuracySchema,
  callBodySchema,
  forecastQuerySchema,
  forecastSchema,
  targetBodySchema,
  waterfallQuerySchema,
  waterfallSchema,
} from '../../contract/forecast.ts';
import { getForecastAccuracy } from './accuracy.service.ts';
import type { AppDeps } from '../deps.ts';
import { actorOf, errorResponses, type App } from '../http.ts';
import { getForecast, setTarget, submitCall } from './forecast.service.ts';
import { getForecastWaterfall } from './waterfall.service.ts';

const tags = ['forecast'];

export function forecastRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/forecast',
    {
      schema: {
        tags,
        summary:
          'The forecast of a period (this quarter by default) for a team, a seller or the organization, in the reporting currency: won to date, the open deals by category, and each method’s call side by side (weighted by the evidence-based probability, by the stage’s, by the sellers’ own figures; commit; best case), per seller, against the target, with the calls submitted',
        querystring: forecastQuerySchema,
        response: { 200: forecastSchema, 400: errorResponses[400], 404: errorResponses[404], 422: errorResponses[422] },
      },
    },
    async (request) => getForecast(deps, actorOf(request), request.query),
  );

  app.put(
    '/api/forecast/target',
    {
      schema: {
        tags,
        summary:
          'Sets the target of a scope for a period (an admin any, a manager their own hierarchy), in the reporting currency',
        body: targetBodySchema,
        response: { 200: forecastSchema, ...errorResponses },
      },
    },
    async (request) => setTarget(deps, actorOf(request), request.body),
  );

  app.post(
    '/api/forecast/calls',
    {
      schema: {
        tags,
        summary:
          'Submits a call for a period: a seller for their own deals, a manager for a scope they see with the reason for it; every call is kept',
        body: callBodySchema,
        response: { 200: forecastSchema, ...errorResponses },
      },
    },
    async (request) => submitCall(deps, actorOf(request), request.body),
  );

  app.get(
    '/api/forecast/accuracy',
    {
      schema: {
        tags,
        summary:
          'How each forecast method did, period after period: its call from the snapshot at the start of the period against what was won, max(0, 1 − |actual − call| / actual), the bias over the periods, and each call week by week',
        querystring: accuracyQuerySchema,
        response: { 200: accuracySchema, 400: errorResponses[400], 404: errorResponses[404], 422: errorResponses[422] },
      },
    },
    async (request) => getForecastAccuracy(deps, actorOf(request), request.query),
  );

  app.get(
    '/api/forecast/waterfall',
    {
      schema: {
        tags,
        summary:
          'How the pipeline a period (last quarter by default) started with became what it won, in deals and amounts in the reporting currency: the open deals expected to close in it in the snapshot of its first day, less those lost, slipped out or removed (and, while it runs, still open), the won ones resized to what they were won for, plus the deals created or pulled in and won, equal to the accuracy’s actual',
        querystring: waterfallQuerySchema,
        response: {
          200: waterfallSchema,
          400: errorResponses[400],
          404: errorResponses[404],
          422: errorResponses[422],
        },
      },
    },
    async (request) => getForecastWaterfall(deps, actorOf(request), request.query),
  );
}
