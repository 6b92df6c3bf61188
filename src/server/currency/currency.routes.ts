import { z } from 'zod';
import {
  currencySettingsSchema,
  exchangeRateSchema,
  rateBodySchema,
  rateImportBodySchema,
  rateImportResultSchema,
  rateParamsSchema,
  reportingCurrencyBodySchema,
  reportingCurrencyResultSchema,
} from '../../contract/currency.ts';
import type { AppDeps } from '../deps.ts';
import { actorOf, errorResponses, type App } from '../http.ts';
import * as service from './currency.service.ts';

export function currencyRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/currency',
    {
      schema: {
        tags: ['currency'],
        summary:
          'The reporting currency, its dated exchange rates, the currencies your opportunities use and those with no rate today',
        response: { 200: currencySettingsSchema },
      },
    },
    async (request) => service.readCurrencySettings(deps, actorOf(request)),
  );

  app.put(
    '/api/currency/reporting',
    {
      schema: {
        tags: ['currency'],
        summary:
          'Change the reporting currency (administrators); the rates, quoted in the old one, go with discardRates: true',
        body: reportingCurrencyBodySchema,
        response: {
          200: reportingCurrencyResultSchema,
          400: errorResponses[400],
          403: errorResponses[403],
          409: errorResponses[409],
        },
      },
    },
    async (request) => service.setReportingCurrency(deps, actorOf(request), request.body),
  );

  app.post(
    '/api/currency/rates',
    {
      schema: {
        tags: ['currency'],
        summary: 'Add the rate of a currency from a day on: units of the reporting currency per unit (administrators)',
        body: rateBodySchema,
        response: {
          201: exchangeRateSchema,
          400: errorResponses[400],
          403: errorResponses[403],
          409: errorResponses[409],
          422: errorResponses[422],
        },
      },
    },
    async (request, reply) => reply.status(201).send(await service.addRate(deps, actorOf(request), request.body)),
  );

  app.delete(
    '/api/currency/rates/:currency/:validFrom',
    {
      schema: {
        tags: ['currency'],
        summary: 'Delete the rate of a currency from a day (administrators)',
        params: rateParamsSchema,
        response: { 204: z.null(), 400: errorResponses[400], 403: errorResponses[403], 404: errorResponses[404] },
      },
    },
    async (request, reply) => {
      await service.removeRate(deps, actorOf(request), request.params);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/currency/rates/import',
    {
      schema: {
        tags: ['currency'],
        summary:
          'Import rates from CSV (currency,valid_from,rate) in one go, replacing those of the same currency and day (administrators); any bad line: 400 naming each as csv.<line>.<column>, and nothing imported',
        body: rateImportBodySchema,
        response: { 200: rateImportResultSchema, 400: errorResponses[400], 403: errorResponses[403] },
      },
    },
    async (request) => service.importRates(deps, actorOf(request), request.body.csv),
  );
}
