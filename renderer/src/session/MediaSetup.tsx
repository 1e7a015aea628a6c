// The pipeline as set-up and live need it: start with a preset and encoder, the live preview, and the
// beauty sliders that change the picture while you drag (media.setBeauty, applied live by the engine).
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventPayload } from '../../../main/contract';
import { useCall, useEvent, useStudio } from '../api/StudioProvider';

type Beauty = { smoothing: number; whitening: number; ruddiness: number; sharpness: number; mirror: boolean };
const levels = ['smoothing', 'whitening', 'ruddiness', 'sharpness'] as const;

export function MediaSetup({ live }: { live: boolean }) {
  const { t } = useTranslation();
  const client = useStudio();
  const [status, setStatus] = useState<EventPayload<'media.state'> | null>(null);
  const [frame, setFrame] = useState<string | null>(null);
  const [beauty, setBeauty] = useState<Beauty | null>(null);
  const [preset, setPreset] = useState<'720p30' | '1080p30' | '1080p60'>('720p30');
  const [encoder, setEncoder] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [presets] = useCall('media.presets', {});
  const [encoders] = useCall('media.encoders', {});
  const pending = useRef<Partial<Beauty>>({});
  const sending = useRef(false);

  useEffect(() => {
    let on = true;
    client.call('media.status', {}).then((s) => {
      if (!on) return;
      setStatus(s);
      setBeauty(s.beauty);
    }, () => undefined);
    void client.call('media.setPreview', { on: true }).catch(() => undefined);
    return () => {
      on = false;
      void client.call('media.setPreview', { on: false }).catch(() => undefined);
    };
  }, [client]);
  useEvent('media.state', useCallback((s: EventPayload<'media.state'>) => setStatus(s), []));
  useEvent('media.preview', useCallback((f: EventPayload<'media.preview'>) => setFrame(f.jpeg), []));

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const s = await client.call('media.start', { preset, ...(encoder ? { encoder } : {}) });
      setStatus(s);
      await client.call('media.setPreview', { on: true });
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  // Slider moves coalesce: one call in flight at a time, the latest values sent next.
  const flush = useCallback(async () => {
    if (sending.current) return;
    sending.current = true;
    while (Object.keys(pending.current).length) {
      const patch = pending.current;
      pending.current = {};
      try {
        setBeauty(await client.call('media.setBeauty', patch));
      } catch (err) {
        setError((err as Error).message);
      }
    }
    sending.current = false;
  }, [client]);
  const change = (patch: Partial<Beauty>) => {
    setBeauty((b) => (b ? { ...b, ...patch } : b));
    pending.current = { ...pending.current, ...patch };
    void flush();
  };

  const running = status?.running ?? false;
  return (
    <section className="panel media-setup" data-testid="media-setup">
      <div className="preview-box" data-testid="preview">
        {frame ? <img src={`data:image/jpeg;base64,${frame}`} alt={t('session.media.previewAlt')} data-testid="preview-frame" /> : <p className="hint">{running ? t('session.media.waitingFrames') : t('session.media.notRunning')}</p>}
      </div>
      {status && !running && !live && (
        <div className="media-start">
          <label>
            {t('session.media.preset')}
            <select value={preset} onChange={(e) => setPreset(e.target.value as typeof preset)} data-testid="preset">
              {(presets.status === 'ok' ? presets.value.presets : []).map((p) => (
                <option key={p.id} value={p.id}>
                  {p.id} · {p.videoKbps} kbps
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('session.media.encoder')}
            <select value={encoder} onChange={(e) => setEncoder(e.target.value)} data-testid="encoder">
              <option value="">{t('session.media.encoderAuto')}</option>
              {(encoders.status === 'ok' ? encoders.value.encoders : []).map((e) => (
                <option key={e.id} value={e.id}>
                  {e.name}
                </option>
              ))}
            </select>
          </label>
          <button onClick={() => void start()} disabled={busy} data-testid="start-preview">
            {busy ? t('session.media.starting') : t('session.media.startPreview')}
          </button>
        </div>
      )}
      {running && status && (
        <p className="hint" data-testid="media-running">
          {t('session.media.running', { preset: `${status.preset.width}×${status.preset.height} ${status.preset.fps} fps`, encoder: status.encoder })}
        </p>
      )}
      {beauty && (
        <div className="beauty" data-testid="beauty">
          <h2>{t('session.media.beauty')}</h2>
          {levels.map((k) => (
            <label key={k}>
              <span>{t(`session.media.${k}`)}</span>
              <input type="range" min={0} max={9} step={1} value={beauty[k]} onChange={(e) => change({ [k]: Number(e.target.value) })} data-beauty={k} />
              <b>{beauty[k]}</b>
            </label>
          ))}
          <label className="check">
            <input type="checkbox" checked={beauty.mirror} onChange={(e) => change({ mirror: e.target.checked })} data-beauty="mirror" /> {t('session.media.mirror')}
          </label>
        </div>
      )}
      {(error ?? status?.lastError) && (
        <p className="error" role="alert">
          {error ?? status?.lastError?.message}
        </p>
      )}
    </section>
  );
}
