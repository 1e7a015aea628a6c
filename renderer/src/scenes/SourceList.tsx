// The sources of the scene being edited, topmost first: select, show/hide, lock/unlock, reorder, delete, add.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Scene, SceneItem } from '../../../main/contract/scene';
import { EyeIcon, LockIcon } from './icons';
import { needsValue, newItem, sourceKinds, type SourceKind } from './newItem';

interface Props {
  scene: Scene;
  canvas: { width: number; height: number };
  selectedId: string | null;
  onSelect: (id: string | null) => void;
  onEdit: (scene: Scene) => void;
}

export function SourceList({ scene, canvas, selectedId, onSelect, onEdit }: Props) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<SourceKind>('text');
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const patch = (id: string, change: Partial<SceneItem>) =>
    onEdit({ ...scene, items: scene.items.map((i) => (i.id === id ? { ...i, ...change } : i)) });
  const move = (index: number, by: number) => {
    const items = [...scene.items];
    const [it] = items.splice(index, 1);
    if (!it) return;
    items.splice(Math.max(0, Math.min(items.length, index + by)), 0, it);
    onEdit({ ...scene, items });
  };
  // Topmost first, as a VJ reads a stack; the scene keeps them bottom first.
  const rows = scene.items.map((item, index) => ({ item, index })).reverse();
  return (
    <section className="panel source-list" aria-label={t('scenes.sources')}>
      <h2>{t('scenes.sources')}</h2>
      {rows.length === 0 && <p className="hint">{t('scenes.noSources')}</p>}
      <ul data-testid="source-list">
        {rows.map(({ item, index }) => (
          <li key={item.id} className={item.id === selectedId ? 'current' : ''} data-item-id={item.id}>
            <button
              type="button"
              className="toggle"
              aria-pressed={item.visible}
              title={item.visible ? t('scenes.hide') : t('scenes.show')}
              aria-label={`${item.visible ? t('scenes.hide') : t('scenes.show')} ${item.name}`}
              data-action="visibility"
              onClick={() => patch(item.id, { visible: !item.visible })}
            >
              <EyeIcon open={item.visible} />
            </button>
            <button
              type="button"
              className="toggle"
              aria-pressed={item.locked}
              title={item.locked ? t('scenes.unlock') : t('scenes.lock')}
              aria-label={`${item.locked ? t('scenes.unlock') : t('scenes.lock')} ${item.name}`}
              data-action="lock"
              onClick={() => patch(item.id, { locked: !item.locked })}
            >
              <LockIcon locked={item.locked} />
            </button>
            <button type="button" className="source-name" onClick={() => onSelect(item.id)}>
              {item.name} <small>{t(`scenes.kinds.${item.source.kind}`)}</small>
            </button>
            <span className="row-actions">
              <button
                type="button"
                aria-label={t('scenes.moveUp')}
                title={t('scenes.moveUp')}
                disabled={index === scene.items.length - 1}
                onClick={() => move(index, 1)}
              >
                ↑
              </button>
              <button
                type="button"
                aria-label={t('scenes.moveDown')}
                title={t('scenes.moveDown')}
                disabled={index === 0}
                onClick={() => move(index, -1)}
              >
                ↓
              </button>
              <button
                type="button"
                aria-label={t('scenes.remove')}
                title={t('scenes.remove')}
                onClick={() => {
                  if (selectedId === item.id) onSelect(null);
                  onEdit({ ...scene, items: scene.items.filter((i) => i.id !== item.id) });
                }}
              >
                ✕
              </button>
            </span>
          </li>
        ))}
      </ul>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (needsValue.has(kind) && !value.trim()) return setProblem(t('scenes.valueNeeded'));
          setProblem(null);
          const item = newItem(kind, t(`scenes.kinds.${kind}`), value, canvas, new Set(scene.items.map((i) => i.id)));
          onEdit({ ...scene, items: [...scene.items, item] });
          onSelect(item.id);
          setValue('');
        }}
      >
        <select value={kind} onChange={(e) => setKind(e.target.value as SourceKind)} aria-label={t('scenes.addSource')}>
          {sourceKinds.map((k) => (
            <option key={k} value={k}>
              {t(`scenes.kinds.${k}`)}
            </option>
          ))}
        </select>
        <input
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder={t('scenes.sourceValue')}
          aria-label={t('scenes.sourceValue')}
          maxLength={2000}
        />
        <button type="submit">{t('scenes.addSource')}</button>
      </form>
      {problem && (
        <p className="warning" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
