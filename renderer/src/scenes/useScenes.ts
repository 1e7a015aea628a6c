// The scenes state in the editor: the studio's scenes.changed events, with this window's unconfirmed edits
// laid over them, and one helper to run a call and keep its error for the screen to show.
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { CallInput, CallName, CallOutput } from '../../../main/contract';
import type { Scene } from '../../../main/contract/scene';
import type { ScenesState } from '../../../main/contract/scenes';
import { useEvent, useStudio } from '../api/StudioProvider';
import { SceneEditQueue } from './editQueue';

export interface ScenesModel {
  state: ScenesState | null;
  /** The scenes with this window's pending edits applied. */
  scenes: Scene[];
  find(id: string | null): Scene | undefined;
  edit(scene: Scene): void;
  run<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N> | undefined>;
  error: string | null;
  clearError(): void;
}

export function useScenes(): ScenesModel {
  const client = useStudio();
  const [state, setState] = useState<ScenesState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, bump] = useReducer((n: number) => n + 1, 0);
  const [queue] = useState(
    () =>
      new SceneEditQueue({
        send: (scene) => client.call('scenes.update', { scene }),
        schedule: (fn) => requestAnimationFrame(() => fn()),
        onError: (err) => setError(err.message),
        onChange: () => bump(),
      }),
  );
  const latest = useRef(-1);

  const accept = useCallback((s: ScenesState) => {
    // Within one connection, never go back to an older revision (an answer read late must not undo an event).
    if (s.revision < latest.current) return;
    latest.current = s.revision;
    setState(s);
  }, []);

  useEffect(() => {
    let live = true;
    client.call('scenes.state', {}).then(
      (s) => live && accept(s),
      (err: Error) => live && setError(err.message),
    );
    const off = client.onConnection((c) => {
      // A new connection may reach a restarted studio whose revisions start again: take its state as it is.
      if (c === 'open') {
        latest.current = -1;
        client.call('scenes.state', {}).then(accept, () => {});
      }
    });
    return () => {
      live = false;
      off();
    };
  }, [client, accept]);
  useEvent('scenes.changed', accept);

  const scenes = useMemo(
    () => (state ? state.scenes.map((s) => queue.overlay(s)) : []),
    // tick: the queue's local copies changed
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [state, queue, tick],
  );

  const run = useCallback(
    async <N extends CallName>(name: N, input: CallInput<N>) => {
      try {
        const value = await client.call(name, input);
        setError(null);
        return value;
      } catch (err) {
        setError((err as Error).message);
        return undefined;
      }
    },
    [client],
  );

  return {
    state,
    scenes,
    find: (id) => (id === null ? undefined : scenes.find((s) => s.id === id)),
    edit: (scene) => queue.edit(scene),
    run,
    error,
    clearError: () => setError(null),
  };
}
