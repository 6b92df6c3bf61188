import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { BrowserRouter } from 'react-router';
import { isApiError } from './api.ts';
import { AuthProvider, SESSION_KEY } from './auth.tsx';
import { AppRoutes } from './routes.tsx';
import { theme } from './theme.ts';

function createQueryClient(): QueryClient {
  // A 401 anywhere means the session ended (expired, signed out elsewhere): forget it, and
  // <RequireAuth> sends the person to the sign-in page, remembering where they were.
  const onError = (error: unknown) => {
    if (isApiError(error, 'unauthenticated') && client.getQueryData(SESSION_KEY))
      client.setQueryData(SESSION_KEY, null);
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        // A missing record or a refusal will not change by asking again.
        retry: (failures, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && failures < 2,
      },
    },
  });
  return client;
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="top-right" limit={3} />
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <AuthProvider>
            <AppRoutes />
          </AuthProvider>
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}
