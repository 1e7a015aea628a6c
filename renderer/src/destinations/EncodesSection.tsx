// What the destinations are sent and what it costs: the vertical canvas's switch with its CPU estimated
// before it is on, every running encode with its encoder's CPU, and the choice of picture per destination.
import { useTranslation } from 'react-i18next';
import type { DestinationEncode, DestinationsState, EncodeFigures } from '../../../main/contract/destinations';

/** The pictures a destination can ask for: the main encode, two common smaller ones, the vertical canvas. */
export const encodeChoices: { id: string; encode: DestinationEncode }[] = [
  { id: 'main', encode: 'main' },
  { id: '1280x720@2500', encode: { width: 1280, height: 720, videoKbps: 2500 } },
  { id: '854x480@1200', encode: { width: 854, height: 480, videoKbps: 1200 } },
  { id: 'vertical', encode: 'vertical' },
];

export function encodeId(encode: DestinationEncode): string {
  return typeof encode === 'string' ? encode : `${encode.width}x${encode.height}@${encode.videoKbps}`;
}

export function EncodeLabel({ encode }: { encode: DestinationEncode }) {
  const { t } = useTranslation();
  if (encode === 'main') return null;
  const text =
    encode === 'vertical'
      ? t('destinations.encode.vertical')
      : t('destinations.encode.sized', { width: encode.width, height: encode.height, kbps: encode.videoKbps });
  return <span className="dest-encode">{text}</span>;
}

function EncodeRow({ e }: { e: EncodeFigures }) {
  const { t } = useTranslation();
  const name =
    e.id === 'main'
      ? t('destinations.encode.mainName')
      : e.id === 'vertical'
        ? t('destinations.encode.verticalName')
        : t('destinations.encode.secondName');
  return (
    <li data-testid={`encode-${e.id}`}>
      <strong>{name}</strong>{' '}
      {t('destinations.encode.figures', {
        width: e.width,
        height: e.height,
        kbps: e.videoKbps,
        encoder: e.encoder,
        cpu: e.cpuPercent.toFixed(0),
        count: e.destinations,
      })}
    </li>
  );
}

export function EncodesSection({ state, onVertical }: { state: DestinationsState; onVertical: (on: boolean) => void }) {
  const { t } = useTranslation();
  const v = state.vertical;
  const measured = state.encodes.find((e) => e.id === 'vertical');
  const cost = measured
    ? t('destinations.vertical.measured', { cpu: measured.cpuPercent.toFixed(0) })
    : v.estimatedCpuPercent !== null
      ? t('destinations.vertical.estimate', { cpu: v.estimatedCpuPercent.toFixed(0) })
      : t('destinations.vertical.noEstimate');
  return (
    <div className="dest-encodes" data-testid="destination-encodes">
      <label className="dest-vertical">
        <input
          type="checkbox"
          checked={v.on}
          onChange={(e) => onVertical(e.target.checked)}
          data-testid="vertical-toggle"
        />
        {t('destinations.vertical.label', { width: v.width, height: v.height })}
        <span className="muted" data-testid="vertical-cost">
          {' '}
          · {cost}
        </span>
      </label>
      {state.encodes.length > 0 && (
        <ul className="dest-encode-list">
          {state.encodes.map((e) => (
            <EncodeRow key={e.id} e={e} />
          ))}
        </ul>
      )}
    </div>
  );
}
