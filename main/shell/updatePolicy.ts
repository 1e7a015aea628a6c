// When the Electron studio may offer "restart to update": never while a show is starting, live or ending (a
// restart would cut the push and the recording), never when the VJ turned updates off, and once per version.
import type { SessionState } from '../contract';

/** The setting behind Settings → "Check for updates" (absent means on). */
export const UPDATES_SETTING = 'updates.enabled';

export interface UpdatePromptInput {
  /** The version electron-updater has downloaded, or null. */
  downloadedVersion: string | null;
  sessionPhase: SessionState['phase'];
  /** Settings → "Check for updates" (on by default). */
  updatesEnabled: boolean;
  /** The version the VJ already said "later" to. */
  declinedVersion: string | null;
}

export type UpdatePromptDecision = 'prompt' | 'wait-until-off-air' | 'nothing';

export function updatePromptDecision(o: UpdatePromptInput): UpdatePromptDecision {
  if (!o.updatesEnabled || !o.downloadedVersion || o.declinedVersion === o.downloadedVersion) return 'nothing';
  if (o.sessionPhase === 'starting' || o.sessionPhase === 'live' || o.sessionPhase === 'ending')
    return 'wait-until-off-air';
  return 'prompt';
}
