// The safety state, read once and then kept current by safety.state events.
import { useCallback, useEffect, useState } from 'react';
import type { SafetyState } from '../../../main/contract/safety';
import { useEvent, useStudio } from '../api/StudioProvider';

export function useSafetyState(): [SafetyState | null, (s: SafetyState) => void] {
  const client = useStudio();
  const [state, setState] = useState<SafetyState | null>(null);
  useEffect(() => {
    let live = true;
    client.call('safety.state', {}).then(
      (s) => live && setState(s),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [client]);
  const onState = useCallback((s: SafetyState) => setState(s), []);
  useEvent('safety.state', onState);
  return [state, setState];
}
