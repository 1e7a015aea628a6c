// The audio mixer of the scene on air: per source gain, mute and noise suppression (the media engine applies
// them), and level meters fed by scenes.audioLevels about ten times a second.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AudioMix, Scene } from '../../../main/contract/scene';
import type { AudioLevel } from '../../../main/contract/scenes';
import { useEvent } from '../api/StudioProvider';
import { LevelMeter } from '../components/LevelMeter';

const defaultMix: AudioMix = { gainDb: 0, muted: false, noiseSuppression: false };

interface Channel {
  id: string;
  name: string;
  kind: string;
  mix: AudioMix;
  apply: (mix: AudioMix) => Scene;
  /** Sound-only sources can be removed here; items are removed in the source list. */
  remove?: () => Scene;
}

const audioKinds = ['microphone', 'desktop', 'application'] as const;
type AudioKind = (typeof audioKinds)[number];

/** Every source of the scene that makes sound: its audio sources, and items with a sound of their own. */
function channels(scene: Scene, kindName: (kind: string, audio: boolean) => string): Channel[] {
  const out: Channel[] = [];
  for (const a of scene.audio ?? []) {
    out.push({
      id: a.id,
      name: a.name,
      kind: kindName(a.kind, true),
      mix: a.mix,
      apply: (mix) => ({ ...scene, audio: (scene.audio ?? []).map((x) => (x.id === a.id ? { ...x, mix } : x)) }),
      remove: () => ({ ...scene, audio: (scene.audio ?? []).filter((x) => x.id !== a.id) }),
    });
  }
  for (const item of scene.items) {
    const s = item.source;
    const sounds =
      s.kind === 'camera' || s.kind === 'mediaFile' || s.kind === 'cohost' || (s.kind === 'testPattern' && s.tone);
    if (!sounds) continue;
    out.push({
      id: item.id,
      name: item.name,
      kind: kindName(s.kind, false),
      mix: item.audio ?? defaultMix,
      apply: (mix) => ({ ...scene, items: scene.items.map((i) => (i.id === item.id ? { ...i, audio: mix } : i)) }),
    });
  }
  return out;
}

export function AudioMixer({ scene, onEdit }: { scene: Scene | undefined; onEdit: (scene: Scene) => void }) {
  const { t } = useTranslation();
  const [levels, setLevels] = useState<Map<string, AudioLevel>>(() => new Map());
  const [kind, setKind] = useState<AudioKind>('microphone');
  useEvent(
    'scenes.audioLevels',
    useCallback((p: { levels: AudioLevel[] }) => setLevels(new Map(p.levels.map((l) => [l.id, l]))), []),
  );
  const list = scene ? channels(scene, (k, audio) => t(audio ? `scenes.audioKinds.${k}` : `scenes.kinds.${k}`)) : [];
  return (
    <section className="panel audio-mixer" aria-label={t('scenes.mixer')} data-testid="audio-mixer">
      <h2>{t('scenes.mixer')}</h2>
      {list.length === 0 && <p className="hint">{t('scenes.noAudio')}</p>}
      {list.map((c) => {
        const level = levels.get(c.id);
        return (
          <div key={c.id} className={`channel${c.mix.muted ? ' muted' : ''}`} data-channel={c.id}>
            <div className="channel-head">
              <strong>{c.name}</strong> <small>{c.kind}</small>
            </div>
            <LevelMeter
              label={`${t('scenes.level')} ${c.name}`}
              level={level}
              muted={c.mix.muted}
              testId={`level-${c.id}`}
            />
            <div className="channel-controls">
              <label>
                {t('scenes.gain')} <output>{c.mix.gainDb.toFixed(1)}</output>
                <input
                  type="range"
                  min={-60}
                  max={20}
                  step={0.5}
                  value={c.mix.gainDb}
                  onChange={(e) => onEdit(c.apply({ ...c.mix, gainDb: Number(e.target.value) }))}
                />
              </label>
              <button
                type="button"
                aria-pressed={c.mix.muted}
                onClick={() => onEdit(c.apply({ ...c.mix, muted: !c.mix.muted }))}
              >
                {c.mix.muted ? t('scenes.unmute') : t('scenes.mute')}
              </button>
              <label className="check">
                <input
                  type="checkbox"
                  checked={c.mix.noiseSuppression}
                  onChange={(e) => onEdit(c.apply({ ...c.mix, noiseSuppression: e.target.checked }))}
                />{' '}
                {t('scenes.noiseSuppression')}
              </label>
              {c.remove && (
                <button
                  type="button"
                  aria-label={`${t('scenes.remove')} ${c.name}`}
                  title={t('scenes.remove')}
                  onClick={() => c.remove && onEdit(c.remove())}
                >
                  ✕
                </button>
              )}
            </div>
          </div>
        );
      })}
      {scene && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            const taken = new Set((scene.audio ?? []).map((a) => a.id));
            let n = taken.size + 1;
            while (taken.has(`audio-${n}`)) n++;
            const source = {
              id: `audio-${n}`,
              name: t(`scenes.audioKinds.${kind}`),
              kind,
              device: '',
              mix: defaultMix,
            };
            onEdit({ ...scene, audio: [...(scene.audio ?? []), source] });
          }}
        >
          <select value={kind} onChange={(e) => setKind(e.target.value as AudioKind)} aria-label={t('scenes.addAudio')}>
            {audioKinds.map((k) => (
              <option key={k} value={k}>
                {t(`scenes.audioKinds.${k}`)}
              </option>
            ))}
          </select>
          <button type="submit">{t('scenes.addAudio')}</button>
        </form>
      )}
    </section>
  );
}
