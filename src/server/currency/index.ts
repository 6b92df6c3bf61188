// What other concepts may use of the reporting currency and its exchange rates.
export { insertRates, type NewRate } from './currency.repo.ts';
export { cachedRateBook, rateBook, requireRates } from './currency.service.ts';
