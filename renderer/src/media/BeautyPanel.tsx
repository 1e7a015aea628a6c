// Beauty sliders on Tencent's 0–9 scale and the mirror; each change goes to the running picture at once, one
// command at a time (LatestWins), and the studio's state echoing back never moves a slider the VJ is dragging.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Beauty } from '../../../main/contract/media';
import { useStudio } from '../api/StudioProvider';
import { LatestWins, shownValues } from './latestWins';

const levels = ['smoothing', 'whitening', 'ruddiness', 'sharpness'] as const;

export function BeautyPanel({ initial }: { initial: Beauty }) {
  const { t } = useTranslation();
  const client = useStudio();
  const [beauty, setBeauty] = useState<Beauty>(initial);
  const [error, setError] = useState<string | null>(null);
  const sender = useMemo(
    () =>
      new LatestWins<Beauty>(
        (patch) => client.call('media.setBeauty', patch),
        (err) => setError(err?.message ?? null),
      ),
    [client],
  );
  useEffect(() => setBeauty((panel) => shownValues(panel, initial, sender.busy)), [initial, sender]);
  const change = (patch: Partial<Beauty>) => {
    setBeauty((b) => ({ ...b, ...patch }));
    sender.push(patch);
  };
  return (
    <section className="panel beauty-panel" data-testid="beauty-panel">
      <h2>{t('media.beauty.title')}</h2>
      {levels.map((k) => (
        <label key={k} className="beauty-row">
          <span>{t(`media.beauty.${k}`)}</span>
          <input
            type="range"
            min={0}
            max={9}
            step={1}
            value={beauty[k]}
            data-testid={`beauty-${k}`}
            onChange={(e) => change({ [k]: Number(e.target.value) })}
          />
          <output>{beauty[k]}</output>
        </label>
      ))}
      <label className="beauty-row">
        <span>{t('media.beauty.mirror')}</span>
        <input
          type="checkbox"
          checked={beauty.mirror}
          data-testid="beauty-mirror"
          onChange={(e) => change({ mirror: e.target.checked })}
        />
      </label>
      <p className="hint">{t('media.beauty.hint')}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
