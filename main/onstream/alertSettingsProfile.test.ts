// Alert settings go with the scene profile: each profile keeps its own, a new one starts from the settings kept
// before profiles had their own, and a sound plays only when it is on, at its volume.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultAlertSettings, type AlertSettings } from '../contract/onstream';
import { ProgramOverlays } from '../media/programOverlays';
import { alertSound } from './alertRules';
import { OnstreamService } from './onstreamService';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function service(store: Map<string, unknown>, profile: { id: string }) {
  const dir = mkdtempSync(join(tmpdir(), 'alert-profile-'));
  dirs.push(dir);
  return new OnstreamService({
    settings: { get: <T>(k: string) => store.get(k) as T | undefined, set: (k, v) => store.set(k, v) },
    profileId: () => profile.id,
    program: {
      overlays: new ProgramOverlays(
        () => {},
        () => {},
        () => ({ width: 1280, height: 720 }),
      ),
      playSound: () => {},
    },
    workDir: dir,
    ffmpegPath: null,
    fontFile: undefined,
    emit: () => {},
    log: () => {},
  });
}

describe('alert settings per scene profile', () => {
  it('keeps each profile its own settings and starts a new one from the older global settings', () => {
    const older: AlertSettings = { ...defaultAlertSettings, likeStep: 7 };
    const store = new Map<string, unknown>([['onstream.alerts', older]]);
    const profile = { id: 'p1' };
    const s = service(store, profile);
    expect(s.state().settings.likeStep).toBe(7);
    s.setSettings({ likeStep: 11 });
    expect(store.get('onstream.alerts.p1')).toMatchObject({ likeStep: 11 });
    expect(store.get('onstream.alerts')).toMatchObject({ likeStep: 7 });

    profile.id = 'p2';
    s.profileChanged();
    expect(s.state().settings.likeStep).toBe(7);
    s.setSettings({ likeStep: 22 });
    profile.id = 'p1';
    s.profileChanged();
    expect(s.state().settings.likeStep).toBe(11);
    // A studio started again reads the profile's own.
    expect(service(store, profile).state().settings.likeStep).toBe(11);
    s.close();
  });

  it('plays a sound only when it is on, at its volume', () => {
    const style = { ...defaultAlertSettings.styles.gift, sound: '/tmp/ding.wav', volume: 35 };
    expect(alertSound(style)).toEqual({ sound: '/tmp/ding.wav', volume: 35 });
    expect(alertSound({ ...style, soundOn: false })).toEqual({});
    expect(alertSound({ ...defaultAlertSettings.styles.gift })).toEqual({});
  });
});
