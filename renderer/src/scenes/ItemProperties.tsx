// The selected item's properties: name, position and size, opacity, and for text items the text itself.
import { useTranslation } from 'react-i18next';
import type { Scene, SceneItem } from '../../../main/contract/scene';

interface Props {
  scene: Scene;
  item: SceneItem | undefined;
  onEdit: (scene: Scene) => void;
}

const clampInt = (v: string, min: number, max: number, fallback: number) => {
  const n = Math.round(Number(v));
  return Number.isFinite(n) && v.trim() !== '' ? Math.min(max, Math.max(min, n)) : fallback;
};

export function ItemProperties({ scene, item, onEdit }: Props) {
  const { t } = useTranslation();
  if (!item) {
    return (
      <section className="panel item-properties" aria-label={t('scenes.properties')}>
        <h2>{t('scenes.properties')}</h2>
        <p className="hint">{t('scenes.noSelection')}</p>
      </section>
    );
  }
  const put = (next: SceneItem) => onEdit({ ...scene, items: scene.items.map((i) => (i.id === item.id ? next : i)) });
  const rectField = (key: 'x' | 'y' | 'width' | 'height', min: number, max: number) => (
    <label key={key}>
      {t(`scenes.${key}`)}
      <input
        type="number"
        data-field={key}
        value={item.rect[key]}
        min={min}
        max={max}
        disabled={item.locked}
        onChange={(e) =>
          put({ ...item, rect: { ...item.rect, [key]: clampInt(e.target.value, min, max, item.rect[key]) } })
        }
      />
    </label>
  );
  const src = item.source;
  return (
    <section className="panel item-properties" aria-label={t('scenes.properties')} data-testid="item-properties">
      <h2>{t('scenes.properties')}</h2>
      <label>
        {t('scenes.name')}
        <input
          value={item.name}
          maxLength={200}
          onChange={(e) => e.target.value.trim() && put({ ...item, name: e.target.value })}
        />
      </label>
      <div className="rect-fields">
        {rectField('x', -10000, 10000)}
        {rectField('y', -10000, 10000)}
        {rectField('width', 2, 7680)}
        {rectField('height', 2, 4320)}
      </div>
      <label>
        {t('scenes.opacity')}
        <input
          type="range"
          min={0}
          max={1}
          step={0.05}
          value={item.opacity}
          onChange={(e) => put({ ...item, opacity: Number(e.target.value) })}
        />
      </label>
      {item.locked && <p className="hint">{t('scenes.locked')}</p>}
      {src.kind === 'text' && (
        <>
          <label>
            {t('scenes.text')}
            <textarea
              value={src.text}
              maxLength={2000}
              rows={2}
              onChange={(e) => put({ ...item, source: { ...src, text: e.target.value } })}
            />
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={src.live}
              onChange={(e) => put({ ...item, source: { ...src, live: e.target.checked } })}
            />{' '}
            {t('scenes.liveFigures')}
          </label>
          <p className="hint">{t('scenes.liveFiguresHint')}</p>
          <div className="rect-fields">
            <label>
              {t('scenes.fontSize')}
              <input
                type="number"
                min={8}
                max={400}
                value={src.fontSize}
                onChange={(e) =>
                  put({ ...item, source: { ...src, fontSize: clampInt(e.target.value, 8, 400, src.fontSize) } })
                }
              />
            </label>
            <label>
              {t('scenes.color')}
              <input
                type="color"
                value={src.color}
                onChange={(e) => put({ ...item, source: { ...src, color: e.target.value } })}
              />
            </label>
          </div>
        </>
      )}
      {(src.kind === 'image' || src.kind === 'mediaFile') && (
        <label>
          {t('scenes.path')}
          <input
            value={src.path}
            maxLength={4096}
            onChange={(e) => e.target.value && put({ ...item, source: { ...src, path: e.target.value } })}
          />
        </label>
      )}
    </section>
  );
}
