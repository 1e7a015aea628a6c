// Ctrl+1…9 on every other screen too (the Studio screen while live, the chat): the VJ switches scenes without
// opening the editor. The editor handles its own keys, so this is mounted only outside it.
import { useEffect, useRef, useState } from 'react';
import type { ScenesState } from '../../../main/contract/scenes';
import { useEvent, useStudio } from '../api/StudioProvider';
import { editorKeyAction } from './editorKeys';

export function SceneHotkeys() {
  const client = useStudio();
  const state = useRef<ScenesState | null>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    client.call('scenes.state', {}).then(
      (s) => {
        state.current = s;
        setReady(true);
      },
      () => undefined,
    );
  }, [client]);
  useEvent('scenes.changed', (s) => (state.current = s));
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = editorKeyAction({
        key: e.key,
        code: e.code,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        altKey: e.altKey,
        shiftKey: e.shiftKey,
        target: e.target as HTMLElement | null,
      });
      const st = state.current;
      if (action?.kind !== 'scene' || !st) return;
      const scene = st.scenes[action.index];
      if (!scene) return;
      e.preventDefault();
      const call = st.studioMode
        ? client.call('scenes.setPreview', { id: scene.id })
        : client.call('scenes.activate', { id: scene.id, transition: { type: 'cut', durationMs: 0 } });
      call.catch(() => undefined);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [client]);
  // A marker for tests and tools: the hotkeys know the scene list.
  return ready ? <span hidden data-testid="scene-hotkeys-ready" /> : null;
}
