import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import type { CurrencySettings, ExchangeRate, RateImportResult } from '../../../contract/currency.ts';

export const currencyKey = ['currency'] as const;

/** The reporting currency, its rates, the currencies in use and those without a rate today. */
export function useCurrencySettings() {
  return useQuery({
    queryKey: currencyKey,
    queryFn: () => api.get<CurrencySettings>('/api/currency'),
  });
}

export function useSetReportingCurrency() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { reportingCurrency: string; discardRates?: boolean }) =>
      api.put<{ reportingCurrency: string; discardedRates: number }>('/api/currency/reporting', input),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: currencyKey }),
  });
}

export function useAddRate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { currency: string; validFrom: string; rate: string }) =>
      api.post<ExchangeRate>('/api/currency/rates', input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: currencyKey }),
  });
}

export function useDeleteRate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (rate: { currency: string; validFrom: string }) =>
      api.delete(`/api/currency/rates/${encodeURIComponent(rate.currency)}/${encodeURIComponent(rate.validFrom)}`),
    // a 404 means someone else deleted it first: the list is out of date either way
    onSettled: () => void queryClient.invalidateQueries({ queryKey: currencyKey }),
  });
}

export function useImportRates() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (csv: string) => api.post<RateImportResult>('/api/currency/rates/import', { csv }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: currencyKey }),
  });
}
