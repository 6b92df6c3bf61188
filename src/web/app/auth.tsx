import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { SessionResponse, SessionUser } from '../../contract/auth.ts';
import { api, isApiError, setSessionToken } from './api.ts';

export const SESSION_KEY = ['session'] as const;

/** The signed-in session, or null when nobody is signed in (401). */
async function fetchSession(): Promise<SessionResponse | null> {
  try {
    const session = await api.get<SessionResponse>('/api/auth/session');
    setSessionToken(session);
    return session;
  } catch (error) {
    if (isApiError(error, 'unauthenticated')) {
      setSessionToken(null);
      return null;
    }
    throw error;
  }
}

type AuthState = {
  /** undefined while the session is being read */
  user: SessionUser | null | undefined;
  sessionError: unknown;
  /** the person signed out themselves (rather than the session ending): no "return to" page */
  signedOut: boolean;
  retrySession(): void;
  signIn(email: string, password: string): Promise<SessionUser>;
  signOut(): Promise<void>;
};

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const session = useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: Infinity, retry: 1 });
  const [signedOut, setSignedOut] = useState(false);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const result = await api.post<SessionResponse>('/api/auth/login', { email, password });
      setSessionToken(result);
      // Whatever the previous person had cached must not leak into this session.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
      queryClient.setQueryData(SESSION_KEY, result);
      setSignedOut(false);
      return result.user;
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    try {
      await api.post('/api/auth/logout');
    } finally {
      setSignedOut(true);
      setSessionToken(null);
      queryClient.clear();
      queryClient.setQueryData(SESSION_KEY, null);
    }
  }, [queryClient]);

  const value = useMemo<AuthState>(
    () => ({
      user: session.data === undefined ? undefined : (session.data?.user ?? null),
      sessionError: session.error,
      signedOut,
      retrySession: () => void session.refetch(),
      signIn,
      signOut,
    }),
    [session.data, session.error, session.refetch, signedOut, signIn, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth needs an <AuthProvider> above it');
  return state;
}

/** The signed-in person; only for components rendered behind <RequireAuth>. */
export function useCurrentUser(): SessionUser {
  const { user } = useAuth();
  if (!user) throw new Error('useCurrentUser is only for signed-in pages');
  return user;
}
