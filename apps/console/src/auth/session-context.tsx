import { createContext, useContext, useMemo } from 'react';
import type { ReactNode } from 'react';
import type { Role } from '@licences/shared-identity';
import { ApiClient } from '../api/api-client';
import type { Session } from './session';

interface SessionState {
  readonly session: Session;
  readonly api: ApiClient;
  readonly setActingRole: (role: Role) => void;
  readonly signOut: () => void;
}

const SessionContext = createContext<SessionState | undefined>(undefined);

export function SessionProvider({
  session,
  setSession,
  signOut,
  children,
}: {
  session: Session;
  setSession: (session: Session) => void;
  signOut: () => void;
  children: ReactNode;
}) {
  const value = useMemo<SessionState>(
    () => ({
      session,
      api: new ApiClient(session),
      setActingRole: (actingRole) => setSession({ ...session, actingRole }),
      signOut,
    }),
    [session, setSession, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The signed-in official, the API client acting for them, and sign-out. */
export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession is used outside a signed-in page');
  return state;
}
