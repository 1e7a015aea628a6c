// Settings → Widgets on stream: the gift goal bar, the chat box, top gifters and the viewer count on the scene on
// air, each shown or not, its own settings and a placement. Edits go to the scene (scenes.update), so they are
// kept with the scene profile like any item.
import { useTranslation } from 'react-i18next';
import type { AlertPosition } from '../../../main/contract/onstream';
import { alertPositions } from './alertChoices';
import type { Scene, SceneItem, Source } from '../../../main/contract/scene';
import { sourceFor } from '../scenes/newItem';
import { CheckRow, NumberRow } from '../settings/SettingRows';
import { useScenes } from '../scenes/useScenes';
import { placedRect, placementOf, widgetKinds, type WidgetKind } from './widgetPlacement';

type WidgetSource = Extract<Source, { kind: WidgetKind }>;

const defaultPlacement: Record<WidgetKind, AlertPosition> = {
  goalBar: 'topRight',
  chatOverlay: 'bottomLeft',
  topGifters: 'topLeft',
  viewerCount: 'bottomRight',
};

function NumberField(props: {
  label: string;
  testId: string;
  value: number;
  min: number;
  max: number;
  set: (n: number) => void;
}) {
  const { set, ...row } = props;
  const onText = (typed: string) => {
    const n = Math.round(Number(typed));
    if (n >= props.min && n <= props.max) set(n);
  };
  return <NumberRow {...row} onText={onText} />;
}

function WidgetFields({ source, set }: { source: WidgetSource; set: (s: WidgetSource) => void }) {
  const { t } = useTranslation();
  const k = source.kind;
  const text = (label: string, value: string, put: (v: string) => WidgetSource) => (
    <label>
      {label}{' '}
      <input
        data-testid={`widget-${k}-text`}
        value={value}
        maxLength={100}
        onChange={(e) => set(put(e.target.value))}
      />
    </label>
  );
  const size = (
    <NumberField
      label={t('onstream.fontSize')}
      testId={`widget-${k}-font`}
      value={source.fontSize}
      min={8}
      max={200}
      set={(fontSize) => set({ ...source, fontSize })}
    />
  );
  switch (source.kind) {
    case 'goalBar':
      return (
        <>
          {text(t('onstream.title'), source.title, (title) => ({ ...source, title }))}
          <NumberField
            label={t('onstream.target')}
            testId="widget-goalBar-target"
            value={source.target}
            min={1}
            max={1_000_000_000}
            set={(target) => set({ ...source, target })}
          />
          {size}
        </>
      );
    case 'chatOverlay':
      return (
        <>
          <NumberField
            label={t('onstream.lines')}
            testId="widget-chatOverlay-lines"
            value={source.lines}
            min={1}
            max={10}
            set={(lines) => set({ ...source, lines })}
          />
          {size}
        </>
      );
    case 'topGifters':
      return (
        <>
          {text(t('onstream.title'), source.title, (title) => ({ ...source, title }))}
          <NumberField
            label={t('onstream.count')}
            testId="widget-topGifters-count"
            value={source.count}
            min={1}
            max={5}
            set={(count) => set({ ...source, count })}
          />
          {size}
        </>
      );
    case 'viewerCount':
      return (
        <>
          {text(t('onstream.label'), source.label, (label) => ({ ...source, label }))}
          {size}
        </>
      );
  }
}

export function WidgetSettings() {
  const { t } = useTranslation();
  const model = useScenes();
  const scene = model.find(model.state?.programSceneId ?? null);
  const canvas = model.state?.canvas ?? { width: 1920, height: 1080 };
  const put = (s: Scene, items: SceneItem[]) => model.edit({ ...s, items });
  const row = (s: Scene, kind: WidgetKind) => {
    const item = s.items.find((i) => i.source.kind === kind);
    const at = item ? placementOf(item, kind, canvas, alertPositions) : null;
    const show = (on: boolean) => {
      if (!on)
        return put(
          s,
          s.items.filter((i) => i !== item),
        );
      let n = s.items.length + 1;
      while (s.items.some((i) => i.id === `widget-${kind}-${n}`)) n++;
      const added: SceneItem = {
        id: `widget-${kind}-${n}`,
        name: t(`onstream.widgetKinds.${kind}`),
        source: sourceFor(kind, ''),
        rect: placedRect(kind, defaultPlacement[kind], canvas),
        crop: { top: 0, right: 0, bottom: 0, left: 0 },
        opacity: 1,
        visible: true,
        locked: false,
      };
      put(s, [...s.items, added]);
    };
    const change = (patch: Partial<SceneItem>) =>
      item &&
      put(
        s,
        s.items.map((i) => (i === item ? { ...i, ...patch } : i)),
      );
    return (
      <fieldset key={kind} className="widget-row" data-testid={`widget-${kind}`}>
        <legend>{t(`onstream.widgetKinds.${kind}`)}</legend>
        <CheckRow label={t('onstream.show')} testId={`widget-${kind}-show`} checked={!!item} set={show} />
        {item && (
          <>
            <label>
              {t('onstream.placement')}{' '}
              <select
                data-testid={`widget-${kind}-placement`}
                value={at ?? ''}
                onChange={(e) =>
                  e.target.value && change({ rect: placedRect(kind, e.target.value as AlertPosition, canvas) })
                }
              >
                {!at && <option value="">{t('onstream.custom')}</option>}
                {alertPositions.map((p) => (
                  <option key={p} value={p}>
                    {t(`onstream.positions.${p}`)}
                  </option>
                ))}
              </select>
            </label>
            <WidgetFields source={item.source as WidgetSource} set={(source) => change({ source })} />
          </>
        )}
      </fieldset>
    );
  };
  return (
    <section className="panel onstream-settings" data-testid="widget-settings" aria-label={t('onstream.widgetsTitle')}>
      <h2>{t('onstream.widgetsTitle')}</h2>
      {scene ? (
        <>
          <p className="hint">{t('onstream.widgetsIntro', { scene: scene.name })}</p>
          {widgetKinds.map((kind) => row(scene, kind))}
        </>
      ) : (
        <p className="hint">{t('onstream.noScene')}</p>
      )}
      {model.error && (
        <p className="error" role="alert">
          {model.error}
        </p>
      )}
    </section>
  );
}
