// The scene list: click (or Ctrl+1…9) to put a scene on air, or to make it the next one in studio mode;
// add, duplicate, delete and reorder.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Scene } from '../../../main/contract/scene';
import { CopyIcon } from './icons';
import type { ScenesModel } from './useScenes';

interface Props {
  model: ScenesModel;
  scenes: Scene[];
  programId: string | null;
  previewId: string | null;
  studioMode: boolean;
  onChoose: (index: number) => void;
}

export function SceneList({ model, scenes, programId, previewId, studioMode, onChoose }: Props) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const editedId = studioMode ? previewId : programId;
  const move = (index: number, by: number) => {
    const ids = scenes.map((s) => s.id);
    const [id] = ids.splice(index, 1);
    if (id === undefined) return;
    ids.splice(Math.max(0, Math.min(ids.length, index + by)), 0, id);
    void model.run('scenes.reorder', { ids });
  };
  return (
    <section className="panel scene-list" aria-label={t('scenes.list')}>
      <h2>{t('scenes.list')}</h2>
      <ol data-testid="scene-list">
        {scenes.map((s, i) => (
          <li key={s.id} className={s.id === editedId ? 'current' : ''}>
            <button type="button" className="scene-choose" data-scene-id={s.id} onClick={() => onChoose(i)}>
              {i < 9 && <kbd>Ctrl+{i + 1}</kbd>} <span className="scene-name">{s.name}</span>
              {s.id === programId && <span className="badge on-air">{t('scenes.onAir')}</span>}
              {studioMode && s.id === previewId && <span className="badge next">{t('scenes.next')}</span>}
            </button>
            <span className="row-actions">
              <button
                type="button"
                title={t('scenes.moveUp')}
                aria-label={t('scenes.moveUp')}
                disabled={i === 0}
                onClick={() => move(i, -1)}
              >
                ↑
              </button>
              <button
                type="button"
                title={t('scenes.moveDown')}
                aria-label={t('scenes.moveDown')}
                disabled={i === scenes.length - 1}
                onClick={() => move(i, 1)}
              >
                ↓
              </button>
              <button
                type="button"
                title={t('scenes.duplicate')}
                aria-label={t('scenes.duplicate')}
                onClick={() => void model.run('scenes.create', { name: `${s.name} 2`, copyFromId: s.id })}
              >
                <CopyIcon />
              </button>
              <button
                type="button"
                title={t('scenes.remove')}
                aria-label={t('scenes.remove')}
                disabled={s.id === programId}
                onClick={() => void model.run('scenes.remove', { id: s.id })}
              >
                ✕
              </button>
            </span>
          </li>
        ))}
      </ol>
      <p className="hint">{t('scenes.hotkeysHint')}</p>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!name.trim()) return;
          void model.run('scenes.create', { name: name.trim() }).then((r) => r && setName(''));
        }}
      >
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder={t('scenes.newSceneName')}
          aria-label={t('scenes.newSceneName')}
          maxLength={200}
        />
        <button type="submit">{t('scenes.addScene')}</button>
      </form>
    </section>
  );
}
