// The live preview: JPEG frames from the media engine's preview tap, with how far behind capture they are.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventPayload } from '../../../main/contract';
import { useEvent, useStudio } from '../api/StudioProvider';

export function PreviewView() {
  const { t } = useTranslation();
  const client = useStudio();
  const [frame, setFrame] = useState<{ src: string; latencyMs: number } | null>(null);
  useEffect(() => {
    void client.call('media.setPreview', { on: true }).catch(() => undefined);
    return () => void client.call('media.setPreview', { on: false }).catch(() => undefined);
  }, [client]);
  const onFrame = useCallback((p: EventPayload<'media.preview'>) => {
    setFrame({ src: `data:image/jpeg;base64,${p.jpeg}`, latencyMs: Math.max(0, Date.now() - p.capturedAt) });
  }, []);
  useEvent('media.preview', onFrame);
  return (
    <figure className="media-preview" data-testid="media-preview">
      {frame ? (
        <img src={frame.src} alt={t('media.previewAlt')} data-testid="media-preview-frame" />
      ) : (
        <div className="media-preview-empty">{t('media.waiting')}</div>
      )}
      {frame && <figcaption className="hint">{t('media.latency', { ms: frame.latencyMs })}</figcaption>}
    </figure>
  );
}
