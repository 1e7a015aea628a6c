// Export the profile's scenes as a JSON file, and import one; a refused file shows the studio's reason.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { StudioCallError } from '../api/client';
import { useStudio } from '../api/StudioProvider';

export function SceneFiles() {
  const { t } = useTranslation();
  const client = useStudio();
  const input = useRef<HTMLInputElement>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  const exportAll = async () => {
    try {
      const file = await client.call('scenes.export', {});
      const url = URL.createObjectURL(new Blob([file.json], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = file.fileName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      setResult({ ok: false, text: t('scenes.failed', { message: (err as Error).message }) });
    }
  };

  const importFile = async (file: File) => {
    let json: string;
    try {
      json = await file.text();
    } catch {
      return setResult({ ok: false, text: t('scenes.readFailed') });
    }
    try {
      const r = await client.call('scenes.import', { json });
      setResult({
        ok: true,
        text: t('scenes.imported', { count: r.imported.length, names: r.imported.map((s) => s.name).join(', ') }),
      });
    } catch (err) {
      const message = err instanceof StudioCallError ? err.message : String(err);
      setResult({ ok: false, text: t('scenes.importFailed', { message }) });
    }
  };

  return (
    <section className="panel scene-files" aria-label={t('scenes.files')}>
      <h2>{t('scenes.files')}</h2>
      <div className="inline-form">
        <button type="button" onClick={() => void exportAll()}>
          {t('scenes.export')}
        </button>
        <button type="button" onClick={() => input.current?.click()}>
          {t('scenes.import')}
        </button>
        <input
          ref={input}
          type="file"
          accept=".json,application/json"
          hidden
          data-testid="scene-import"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void importFile(f);
          }}
        />
      </div>
      {result && (
        <p
          className={result.ok ? 'ok-note' : 'error'}
          role={result.ok ? 'status' : 'alert'}
          data-testid="import-result"
        >
          {result.text}
        </p>
      )}
    </section>
  );
}
