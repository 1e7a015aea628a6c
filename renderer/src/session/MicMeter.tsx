// The set-up screen's microphone check: the program scene's microphones, which device each captures, and
// their level as the compositor measures it (scenes.audioLevels, ten times a second).
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MediaStatus } from '../../../main/contract/media';
import type { AudioSource } from '../../../main/contract/scene';
import type { AudioLevel } from '../../../main/contract/scenes';
import { useCall, useEvent } from '../api/StudioProvider';
import { LevelMeter } from '../components/LevelMeter';
import { useScenes } from '../scenes/useScenes';

/** The test microphone: a 1 kHz tone at a known level, for machines without one (as the test pattern is). */
const TEST_MIC = 'test';

export function MicMeter({ micMuted }: { micMuted: boolean }) {
  const { t } = useTranslation();
  const scenes = useScenes();
  const [devices] = useCall('media.devices', {});
  const [initial] = useCall('media.status', {});
  const [status, setStatus] = useState<MediaStatus | null>(null);
  const [levels, setLevels] = useState<Map<string, AudioLevel>>(() => new Map());
  useEvent(
    'media.state',
    useCallback((s: MediaStatus) => setStatus(s), []),
  );
  useEvent(
    'scenes.audioLevels',
    useCallback((p: { levels: AudioLevel[] }) => setLevels(new Map(p.levels.map((l) => [l.id, l]))), []),
  );
  const running = (status ?? (initial.status === 'ok' ? initial.value : null))?.running ?? false;
  const program = scenes.find(scenes.state?.programSceneId ?? null);
  const mics = program?.audio?.filter((a) => a.kind === 'microphone') ?? [];
  const found = devices.status === 'ok' ? devices.value.devices.filter((d) => d.kind === 'microphone') : [];

  const setDevice = (mic: AudioSource, device: string) => {
    if (!program) return;
    scenes.edit({ ...program, audio: (program.audio ?? []).map((a) => (a.id === mic.id ? { ...a, device } : a)) });
  };
  const addMic = () => {
    if (!program) return;
    const taken = new Set((program.audio ?? []).map((a) => a.id));
    let n = taken.size + 1;
    while (taken.has(`audio-${n}`)) n++;
    const mic: AudioSource = {
      id: `audio-${n}`,
      name: t('session.mic.name'),
      kind: 'microphone',
      device: '',
      mix: { gainDb: 0, muted: false, noiseSuppression: false },
    };
    scenes.edit({ ...program, audio: [...(program.audio ?? []), mic] });
  };

  return (
    <section className="panel mic-check" data-testid="mic-check" aria-label={t('session.mic.title')}>
      <h2>{t('session.mic.title')}</h2>
      {program && mics.length === 0 && (
        <p className="hint">
          {t('session.mic.noneInScene')}{' '}
          <button type="button" onClick={addMic}>
            {t('session.mic.add')}
          </button>
        </p>
      )}
      {mics.map((mic) => (
        <div key={mic.id} className="mic-row" data-mic={mic.id}>
          <label>
            {mic.name}{' '}
            <select value={mic.device} onChange={(e) => setDevice(mic, e.target.value)} data-testid="mic-device">
              <option value="">
                {found.length > 0
                  ? t('session.mic.default', { name: found[0]?.name ?? '' })
                  : t('session.mic.noDevice')}
              </option>
              {found.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
              <option value={TEST_MIC}>{t('session.mic.testTone')}</option>
            </select>
          </label>
          <LevelMeter
            label={`${t('session.mic.level')} ${mic.name}`}
            level={running ? levels.get(mic.id) : undefined}
            muted={micMuted || mic.mix.muted}
            testId="mic-meter"
            showFigures
          />
        </div>
      ))}
      {!running && <p className="hint">{t('session.mic.startPreview')}</p>}
      {running && mics.some((m) => !m.device) && found.length === 0 && (
        <p className="hint">{t('session.mic.noDeviceHint')}</p>
      )}
      {scenes.error && (
        <p className="error" role="alert">
          {scenes.error}
        </p>
      )}
    </section>
  );
}
