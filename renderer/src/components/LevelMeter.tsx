// One audio level meter: RMS as the bar, peak as the marker, in dBFS from -60 (empty) to 0 (full), green,
// then amber from -18 dB, red from -6 dB, and a clip lamp that stays lit for two seconds after a peak at 0 dB.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A peak this close to full scale has clipped (or is about to, after the encoder's rounding). */
export const CLIP_DB = -0.5;
const FLOOR_DB = -60;
const HOLD_MS = 2000;

export interface Level {
  peakDb: number;
  rmsDb: number;
}

export const meterPercent = (db: number | undefined) =>
  Math.max(0, Math.min(100, (((db ?? FLOOR_DB) - FLOOR_DB) * 100) / -FLOOR_DB));

export function formatDb(db: number | undefined, silence: string): string {
  if (db === undefined || db <= -99) return silence;
  return `${db.toFixed(1)} dB`;
}

export function LevelMeter({
  label,
  level,
  muted = false,
  testId,
  showFigures = false,
}: {
  label: string;
  level: Level | undefined;
  muted?: boolean;
  testId?: string;
  showFigures?: boolean;
}) {
  const { t } = useTranslation();
  const shown = muted ? undefined : level;
  const [clipAt, setClipAt] = useState<number | null>(null);
  const clipTimer = useRef<number | null>(null);
  const peak = shown?.peakDb;
  useEffect(() => {
    if (peak === undefined || peak < CLIP_DB) return;
    setClipAt(Date.now());
    if (clipTimer.current !== null) window.clearTimeout(clipTimer.current);
    clipTimer.current = window.setTimeout(() => setClipAt(null), HOLD_MS);
  }, [peak]);
  useEffect(() => () => void (clipTimer.current !== null && window.clearTimeout(clipTimer.current)), []);
  const clipped = clipAt !== null;
  return (
    <div
      className={`level-meter${clipped ? ' clipped' : ''}`}
      data-testid={testId}
      data-peak={peak?.toFixed(1) ?? ''}
      data-rms={shown?.rmsDb.toFixed(1) ?? ''}
      data-clipped={clipped}
    >
      <div
        className="meter"
        role="meter"
        aria-label={label}
        aria-valuemin={FLOOR_DB}
        aria-valuemax={0}
        aria-valuenow={Math.round(Math.max(FLOOR_DB, peak ?? FLOOR_DB))}
        aria-valuetext={formatDb(peak, t('session.meter.silence'))}
      >
        {/* The colour zones sit at their dB on the track: the bar uncovers them rather than stretching them. */}
        <div
          className="meter-rms"
          style={{ clipPath: `inset(0 ${(100 - meterPercent(shown?.rmsDb)).toFixed(1)}% 0 0)` }}
        />
        <div className="meter-peak" style={{ left: `${meterPercent(shown?.peakDb).toFixed(1)}%` }} />
      </div>
      <span className={`clip-lamp${clipped ? ' lit' : ''}`} title={t('session.meter.clipHint')}>
        {t('session.meter.clip')}
      </span>
      {showFigures && (
        <small className="meter-figures">
          {muted
            ? t('session.meter.muted')
            : t('session.meter.figures', {
                peak: formatDb(shown?.peakDb, t('session.meter.silence')),
                rms: formatDb(shown?.rmsDb, t('session.meter.silence')),
              })}
        </small>
      )}
    </div>
  );
}
