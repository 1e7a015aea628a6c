// Makes the studio client available to every screen, with small hooks for calls and events.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { CallInput, CallName, CallOutput, EventName, EventPayload } from '../../../main/contract';
import { StudioCallError, type StudioClient } from './client';

const StudioContext = createContext<StudioClient | null>(null);

export function StudioProvider({ client, children }: { client: StudioClient; children: ReactNode }) {
  return <StudioContext.Provider value={client}>{children}</StudioContext.Provider>;
}

export function useStudio(): StudioClient {
  const client = useContext(StudioContext);
  if (!client) throw new Error('useStudio outside StudioProvider');
  return client;
}

export type CallState<T> =
  { status: 'loading' } | { status: 'ok'; value: T } | { status: 'error'; error: StudioCallError };

/** Runs a call when the component mounts (and when `deps` change) and tracks its state. */
export function useCall<N extends CallName>(
  name: N,
  input: CallInput<N>,
  deps: unknown[] = [],
): [CallState<CallOutput<N>>, () => void] {
  const client = useStudio();
  const [state, setState] = useState<CallState<CallOutput<N>>>({ status: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    client.call(name, input).then(
      (value) => live && setState({ status: 'ok', value }),
      (err: unknown) =>
        live &&
        setState({
          status: 'error',
          error: err instanceof StudioCallError ? err : new StudioCallError('internal', String(err)),
        }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, name, round, ...deps]);
  return [state, () => setRound((r) => r + 1)];
}

export function useEvent<N extends EventName>(name: N, listener: (payload: EventPayload<N>) => void): void {
  const client = useStudio();
  useEffect(() => client.on(name, listener), [client, name, listener]);
}
