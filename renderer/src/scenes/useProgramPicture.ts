// The program picture behind the editor's canvas: the media engine's preview JPEGs (media.preview), decoded
// off the main thread into bitmaps. Nothing while the pipeline is not running: the canvas then shows boxes only.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventPayload } from '../../../main/contract';
import { useEvent, useStudio } from '../api/StudioProvider';

function decodeBase64(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function useProgramPicture(): ImageBitmap | null {
  const client = useStudio();
  const [picture, setPicture] = useState<ImageBitmap | null>(null);
  const decoding = useRef(false);
  useEffect(() => {
    void client.call('media.setPreview', { on: true }).catch(() => undefined);
    return () => void client.call('media.setPreview', { on: false }).catch(() => undefined);
  }, [client]);
  const onFrame = useCallback((p: EventPayload<'media.preview'>) => {
    if (decoding.current) return; // a slow machine skips frames rather than queueing them
    decoding.current = true;
    createImageBitmap(new Blob([decodeBase64(p.jpeg)], { type: 'image/jpeg' })).then(
      (bitmap) => {
        decoding.current = false;
        setPicture((old) => {
          old?.close();
          return bitmap;
        });
      },
      () => {
        decoding.current = false;
      },
    );
  }, []);
  useEvent('media.preview', onFrame);
  return picture;
}
