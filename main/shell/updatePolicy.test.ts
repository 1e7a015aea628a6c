import { describe, expect, it } from 'vitest';
import { sessionPhases } from '../contract/session';
import { updatePromptDecision } from './updatePolicy';

const ready = {
  downloadedVersion: '0.2.0',
  sessionPhase: 'idle' as const,
  updatesEnabled: true,
  declinedVersion: null,
};

describe('the "restart to update" prompt', () => {
  it('never appears while a show is starting, live or ending, for any other input', () => {
    for (const sessionPhase of ['starting', 'live', 'ending'] as const)
      for (const declinedVersion of [null, '0.1.0'])
        expect(updatePromptDecision({ ...ready, sessionPhase, declinedVersion })).toBe('wait-until-off-air');
  });

  it('appears off air once an update is downloaded', () => {
    const offAir = sessionPhases.filter((p) => p !== 'starting' && p !== 'live' && p !== 'ending');
    expect(offAir).toEqual(['idle', 'ended']);
    for (const sessionPhase of offAir) expect(updatePromptDecision({ ...ready, sessionPhase })).toBe('prompt');
  });

  it('stays away when updates are off, nothing is downloaded, or the VJ said later to this version', () => {
    expect(updatePromptDecision({ ...ready, updatesEnabled: false })).toBe('nothing');
    expect(updatePromptDecision({ ...ready, updatesEnabled: false, sessionPhase: 'live' })).toBe('nothing');
    expect(updatePromptDecision({ ...ready, downloadedVersion: null })).toBe('nothing');
    expect(updatePromptDecision({ ...ready, declinedVersion: '0.2.0' })).toBe('nothing');
    expect(updatePromptDecision({ ...ready, declinedVersion: '0.1.9' })).toBe('prompt');
  });
});
