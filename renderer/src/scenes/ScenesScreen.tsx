// The scene editor: the program preview (and in studio mode the next scene beside it) where items are dragged
// and resized, the scene list with Ctrl+1…9, the sources, the selected item's properties and the mixer.
import { useEffect, useMemo, useState } from 'react';
import { useLatest } from '../api/useLatest';
import { useTranslation } from 'react-i18next';
import { AudioMixer } from './AudioMixer';
import { ItemProperties } from './ItemProperties';
import { SceneCanvas, type FadeRequest } from './SceneCanvas';
import { SceneFiles } from './SceneFiles';
import { SceneList } from './SceneList';
import { SourceList } from './SourceList';
import { editorKeyAction } from './editorKeys';
import { useProgramPicture } from './useProgramPicture';
import { useScenes } from './useScenes';

export function ScenesScreen() {
  const { t } = useTranslation();
  const model = useScenes();
  const picture = useProgramPicture();
  const { state, scenes } = model;
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [fadeMs, setFadeMs] = useState(600);
  const [profileName, setProfileName] = useState('');

  const studioMode = state?.studioMode ?? false;
  const program = model.find(state?.programSceneId ?? null);
  const preview = model.find(state?.previewSceneId ?? null);
  const edited = studioMode ? preview : program;
  const selected = edited?.items.find((i) => i.id === selectedId);

  const choose = (index: number) => {
    const s = scenes[index];
    if (!s) return;
    if (studioMode) void model.run('scenes.setPreview', { id: s.id });
    else void model.run('scenes.activate', { id: s.id, transition: { type: 'cut', durationMs: 0 } });
  };
  const onAction = (action: NonNullable<ReturnType<typeof editorKeyAction>>) => {
    if (action.kind === 'scene') return choose(action.index);
    const item = edited?.items.find((i) => i.id === selectedId);
    if (!edited || !item || item.locked) return;
    if (action.kind === 'delete') {
      setSelectedId(null);
      model.edit({ ...edited, items: edited.items.filter((i) => i.id !== item.id) });
    } else {
      const rect = { ...item.rect, x: item.rect.x + action.dx, y: item.rect.y + action.dy };
      model.edit({ ...edited, items: edited.items.map((i) => (i.id === item.id ? { ...i, rect } : i)) });
    }
  };
  const actionRef = useLatest(onAction);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = editorKeyAction({
        key: e.key,
        code: e.code,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        altKey: e.altKey,
        shiftKey: e.shiftKey,
        target: e.target as HTMLElement | null,
      });
      if (!action) return;
      e.preventDefault();
      actionRef.current(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actionRef]);

  const last = state?.lastTransition ?? null;
  const fade: FadeRequest | null = useMemo(
    () =>
      last && last.type === 'fade'
        ? { from: state?.scenes.find((s) => s.id === last.fromSceneId), durationMs: last.durationMs, key: last.at }
        : null,
    [last, state?.scenes],
  );

  if (!state) {
    return (
      <div className="screen scenes-screen">
        <h1>{t('scenes.title')}</h1>
        {model.error ? (
          <p className="error" role="alert">
            {t('scenes.failed', { message: model.error })}
          </p>
        ) : (
          <p className="hint">{t('scenes.loading')}</p>
        )}
      </div>
    );
  }
  const canvasLabel = (label: string, s: typeof program) =>
    t('scenes.canvasLabel', { label, name: s?.name ?? t('scenes.emptyCanvas'), count: s?.items.length ?? 0 });

  return (
    <div className="screen scenes-screen" data-studio-mode={studioMode ? 'on' : 'off'}>
      <header className="scenes-header">
        <h1>{t('scenes.title')}</h1>
        <label>
          {t('scenes.profile')}{' '}
          <select
            value={state.profile.id}
            onChange={(e) => void model.run('scenes.selectProfile', { id: e.target.value })}
          >
            {state.profiles.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (profileName.trim())
              void model.run('scenes.createProfile', { name: profileName.trim() }).then((r) => r && setProfileName(''));
          }}
        >
          <input
            value={profileName}
            onChange={(e) => setProfileName(e.target.value)}
            placeholder={t('scenes.newProfileName')}
            aria-label={t('scenes.newProfileName')}
            maxLength={200}
          />
          <button type="submit">{t('scenes.newProfile')}</button>
        </form>
        <label className="check studio-toggle" title={t('scenes.studioModeHint')}>
          <input
            type="checkbox"
            data-testid="studio-mode"
            checked={studioMode}
            onChange={(e) => void model.run('scenes.setStudioMode', { enabled: e.target.checked })}
          />{' '}
          {t('scenes.studioMode')}
        </label>
      </header>
      {model.error && (
        <p className="error" role="alert" data-testid="scenes-error">
          {t('scenes.failed', { message: model.error })}{' '}
          <button type="button" onClick={model.clearError}>
            ✕
          </button>
        </p>
      )}
      <div className={`scenes-stage${studioMode ? ' two' : ''}`}>
        {studioMode && (
          <SceneCanvas
            scene={preview}
            canvas={state.canvas}
            label={canvasLabel(t('scenes.preview'), preview)}
            testId="preview-canvas"
            editable
            selectedId={selectedId}
            onSelect={setSelectedId}
            onEdit={model.edit}
            figures={state.figures}
          />
        )}
        {studioMode && (
          <div className="transition-controls">
            <button
              type="button"
              className="primary"
              data-testid="cut"
              onClick={() => void model.run('scenes.transition', { type: 'cut', durationMs: 0 })}
            >
              {t('scenes.cut')}
            </button>
            <button
              type="button"
              className="primary"
              data-testid="fade"
              onClick={() => void model.run('scenes.transition', { type: 'fade', durationMs: fadeMs })}
            >
              {t('scenes.fade')}
            </button>
            <label>
              {t('scenes.fadeDuration')}
              <input
                type="number"
                min={0}
                max={10000}
                step={100}
                value={fadeMs}
                onChange={(e) => setFadeMs(Math.max(0, Math.min(10000, Math.round(Number(e.target.value) || 0))))}
              />
            </label>
          </div>
        )}
        <SceneCanvas
          scene={program}
          canvas={state.canvas}
          label={canvasLabel(t('scenes.program'), program)}
          testId="program-canvas"
          editable={!studioMode}
          selectedId={studioMode ? null : selectedId}
          onSelect={setSelectedId}
          onEdit={model.edit}
          fade={fade}
          background={picture}
          figures={state.figures}
        />
      </div>
      <div className="scenes-docks">
        <SceneList
          model={model}
          scenes={scenes}
          programId={state.programSceneId}
          previewId={state.previewSceneId}
          studioMode={studioMode}
          onChoose={choose}
        />
        {edited && (
          <div className="dock-column">
            <label className="scene-name-field">
              {t('scenes.sceneName')}
              <input
                value={edited.name}
                maxLength={200}
                onChange={(e) => e.target.value.trim() && model.edit({ ...edited, name: e.target.value })}
              />
            </label>
            <SourceList
              scene={edited}
              canvas={state.canvas}
              selectedId={selectedId}
              onSelect={setSelectedId}
              onEdit={model.edit}
            />
          </div>
        )}
        {edited && <ItemProperties scene={edited} item={selected} onEdit={model.edit} />}
        <div className="dock-column">
          <AudioMixer scene={program} onEdit={model.edit} />
          <SceneFiles />
        </div>
      </div>
    </div>
  );
}
