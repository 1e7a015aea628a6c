// The account and the broadcast as the screens see them: read once, then kept current by events.
import { useCallback, useEffect, useState } from 'react';
import type { AccountState, LiveStats, SessionState } from '../../../main/contract';
import { useEvent, useStudio } from '../api/StudioProvider';

export function useAccountState(): AccountState | null {
  const client = useStudio();
  const [account, setAccount] = useState<AccountState | null>(null);
  useEffect(() => {
    let live = true;
    client.call('account.state', {}).then(
      (a) => live && setAccount(a),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client]);
  useEvent(
    'account.changed',
    useCallback((a: AccountState) => setAccount(a), []),
  );
  return account;
}

export function useSessionState(): [SessionState | null, (s: SessionState) => void] {
  const client = useStudio();
  const [session, setSession] = useState<SessionState | null>(null);
  useEffect(() => {
    let live = true;
    client.call('session.state', {}).then(
      (s) => live && setSession(s),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client]);
  useEvent(
    'session.state',
    useCallback((s: SessionState) => setSession(s), []),
  );
  return [session, setSession];
}

export function useLiveStats(): LiveStats | null {
  const [stats, setStats] = useState<LiveStats | null>(null);
  useEvent(
    'session.stats',
    useCallback((s: LiveStats) => setStats(s), []),
  );
  return stats;
}
