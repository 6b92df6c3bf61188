import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, withQuery } from '../../app/api.ts';
import type { callBodySchema, Forecast, ForecastWaterfall, targetBodySchema } from '../../../contract/forecast.ts';

export type ForecastParams = { period?: string | undefined; team?: string | undefined; owner?: string | undefined };

export const forecastKey = ['forecast'] as const;

export function useForecast(params: ForecastParams) {
  return useQuery({
    queryKey: [...forecastKey, params],
    queryFn: () => api.get<Forecast>(withQuery('/api/forecast', params)),
    placeholderData: keepPreviousData,
  });
}

/** How a period's pipeline became what it won; the last period shown while the next one loads. */
export function useWaterfall(params: ForecastParams) {
  return useQuery({
    queryKey: [...forecastKey, 'waterfall', params],
    queryFn: () => api.get<ForecastWaterfall>(withQuery('/api/forecast/waterfall', params)),
    placeholderData: keepPreviousData,
    enabled: params.period !== undefined,
  });
}

/** A target set or a call submitted answers the forecast as it now stands: shown at once. */
function useForecastWrite<B>(send: (body: B) => Promise<Forecast>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: forecastKey }),
  });
}

export const useSetTarget = () =>
  useForecastWrite((body: z.input<typeof targetBodySchema>) => api.put<Forecast>('/api/forecast/target', body));

export const useSubmitCall = () =>
  useForecastWrite((body: z.input<typeof callBodySchema>) => api.post<Forecast>('/api/forecast/calls', body));
