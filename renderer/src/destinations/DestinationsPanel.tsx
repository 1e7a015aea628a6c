// The destinations panel: the room's own push and every other platform off the same encode, each with its
// own state, reason and figures; add one (a service's own words for server and key), pause, resume, give a
// new key, remove, all while live. Keys are typed in and never shown again: the studio does not send them back.
import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Destination, DestinationService, DestinationsState } from '../../../main/contract';
import type { MediaStatus, OutputState } from '../../../main/contract/media';
import { useCall, useEvent, useStudio } from '../api/StudioProvider';
import { EncodeLabel, encodeChoices, EncodesSection } from './EncodesSection';

type Run = (p: Promise<unknown>) => Promise<boolean>;

function useWords() {
  const { i18n } = useTranslation();
  const zh = i18n.language.startsWith('zh');
  return (w: { en: string; zh: string }) => (zh ? w.zh : w.en);
}

function StateText({
  output,
  paused,
  live,
  waitsForVertical = false,
}: {
  output: OutputState;
  paused: boolean;
  live: boolean;
  waitsForVertical?: boolean;
}) {
  const { t } = useTranslation();
  if (paused) return <span className="dest-state paused">{t('destinations.paused')}</span>;
  if (output.state === 'off' && waitsForVertical)
    return <span className="dest-state off">{t('destinations.vertical.waiting')}</span>;
  if (output.state === 'off' && !live) return <span className="dest-state off">{t('destinations.waiting')}</span>;
  return (
    <span className={`dest-state ${output.state}`}>
      {t(`media.states.${output.state}`, { attempt: output.attempt })}
      {output.reason ? ` · ${t(`media.reasons.${output.reason}`)}` : ''}
    </span>
  );
}

interface RowProps {
  d: Destination;
  service?: DestinationService;
  live: boolean;
  verticalOn: boolean;
  run: Run;
}

function Row({ d, service, live, verticalOn, run }: RowProps) {
  const { t } = useTranslation();
  const words = useWords();
  const client = useStudio();
  const [newKey, setNewKey] = useState<string | null>(null);
  const state = d.paused ? 'paused' : d.output.state;
  return (
    <li className={`dest-row ${state}`} data-testid={`destination-${d.name}`} data-state={state}>
      <div className="dest-who">
        <strong>{d.name}</strong> <span className="dest-service">{service?.name ?? d.service}</span>
        <span className="dest-server">{d.server}</span>
        <EncodeLabel encode={d.encode} />
        <StateText
          output={d.output}
          paused={d.paused}
          live={live}
          waitsForVertical={d.encode === 'vertical' && !verticalOn}
        />
        {d.output.state === 'live' && (
          <span className="dest-figures">
            {t('destinations.figures', {
              kbps: d.output.kbps,
              dropped: d.droppedFrames,
              connects: d.output.connects,
            })}
          </span>
        )}
      </div>
      <div className="dest-actions">
        {newKey === null ? (
          <>
            <button
              type="button"
              onClick={() => void run(client.call('destinations.setPaused', { id: d.id, paused: !d.paused }))}
            >
              {d.paused ? t('destinations.resume') : t('destinations.pause')}
            </button>
            <button type="button" onClick={() => setNewKey('')}>
              {t('destinations.changeKey')}
            </button>
            <button
              type="button"
              className="danger"
              onClick={() => void run(client.call('destinations.remove', { id: d.id }))}
            >
              {t('destinations.remove')}
            </button>
          </>
        ) : (
          <form
            className="dest-key"
            onSubmit={(e) => {
              e.preventDefault();
              void run(client.call('destinations.update', { id: d.id, key: newKey })).then(
                (ok) => ok && setNewKey(null),
              );
            }}
          >
            <input
              type="password"
              autoComplete="off"
              placeholder={service ? words(service.words.key) : ''}
              value={newKey}
              onChange={(e) => setNewKey(e.target.value)}
            />
            <button type="submit" className="primary">
              {t('destinations.save')}
            </button>
            <button type="button" onClick={() => setNewKey(null)}>
              {t('destinations.cancel')}
            </button>
          </form>
        )}
      </div>
    </li>
  );
}

function AddForm({ services, run, onDone }: { services: DestinationService[]; run: Run; onDone: () => void }) {
  const { t } = useTranslation();
  const words = useWords();
  const client = useStudio();
  const [serviceId, setServiceId] = useState(services[0]?.id ?? 'custom');
  const service = services.find((s) => s.id === serviceId);
  const [server, setServer] = useState('');
  const [key, setKey] = useState('');
  const [name, setName] = useState('');
  const [picture, setPicture] = useState('main');
  const chosenServer = service?.kind === 'fixed' ? server || (service.servers[0]?.url ?? '') : server.trim();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(
      client.call('destinations.add', {
        service: serviceId,
        server: chosenServer,
        ...(key.trim() ? { key: key.trim() } : {}),
        ...(name.trim() ? { name: name.trim() } : {}),
        encode: encodeChoices.find((c) => c.id === picture)?.encode ?? 'main',
      }),
    ).then((ok) => ok && onDone());
  };
  return (
    <form className="dest-add" onSubmit={submit} data-testid="destination-form">
      <label>
        {t('destinations.service')}
        <select
          value={serviceId}
          onChange={(e) => (setServiceId(e.target.value), setServer(''))}
          data-testid="destination-service"
        >
          {services.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      {service && <p className="hint">{words(service.words.help)}</p>}
      <label>
        {service ? words(service.words.server) : t('destinations.server')}
        {service?.kind === 'fixed' ? (
          <select value={chosenServer} onChange={(e) => setServer(e.target.value)} data-testid="destination-server">
            {service.servers.map((s) => (
              <option key={s.url} value={s.url}>
                {words(s.name)}
              </option>
            ))}
          </select>
        ) : (
          <input
            value={server}
            onChange={(e) => setServer(e.target.value)}
            placeholder="rtmp://…"
            data-testid="destination-server"
          />
        )}
      </label>
      <label>
        {service ? words(service.words.key) : ''}
        <input
          type="password"
          autoComplete="off"
          value={key}
          onChange={(e) => setKey(e.target.value)}
          data-testid="destination-key"
        />
      </label>
      <label>
        {t('destinations.name')}
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} data-testid="destination-name" />
      </label>
      <label>
        {t('destinations.picture')}
        <select value={picture} onChange={(e) => setPicture(e.target.value)} data-testid="destination-picture">
          {encodeChoices.map((c) => (
            <option key={c.id} value={c.id}>
              {t(`destinations.choices.${c.id}`)}
            </option>
          ))}
        </select>
      </label>
      <p className="muted">{t('destinations.keyHidden')}</p>
      <div className="dest-actions">
        <button type="submit" className="primary" data-testid="destination-save">
          {t('destinations.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('destinations.cancel')}
        </button>
      </div>
    </form>
  );
}

export function DestinationsPanel() {
  const { t } = useTranslation();
  const [services] = useCall('destinations.services', {});
  const [initial] = useCall('destinations.list', {});
  const [initialMedia] = useCall('media.status', {});
  const [state, setState] = useState<DestinationsState | null>(null);
  const [media, setMedia] = useState<MediaStatus | null>(null);
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const client = useStudio();
  useEvent(
    'destinations.state',
    useCallback((s: DestinationsState) => setState(s), []),
  );
  useEvent(
    'media.state',
    useCallback((s: MediaStatus) => setMedia(s), []),
  );
  const current = state ?? (initial.status === 'ok' ? initial.value : null);
  const push = (media ?? (initialMedia.status === 'ok' ? initialMedia.value : null))?.push;
  const list = current?.destinations ?? [];
  const max = current?.max ?? 0;
  const serviceList = services.status === 'ok' ? services.value.services : [];
  const run: Run = (p) =>
    p.then(
      () => (setError(null), true),
      (e: Error) => (setError(e.message), false),
    );
  return (
    <section className="panel destinations-panel" data-testid="destinations-panel">
      <h2>
        {t('destinations.title')} <span className="muted">{t('destinations.count', { count: list.length, max })}</span>
      </h2>
      <p className="hint">{t('destinations.hint')}</p>
      <ul className="dest-list">
        <li
          className={`dest-row room ${push?.state ?? 'off'}`}
          data-testid="destination-room"
          data-state={push?.state ?? 'off'}
        >
          <div className="dest-who">
            <strong>{t('destinations.room')}</strong> <span className="dest-service">{t('destinations.roomPush')}</span>
            {push && <StateText output={push} paused={false} live />}
          </div>
        </li>
        {list.map((d) => (
          <Row
            key={d.id}
            d={d}
            service={serviceList.find((s) => s.id === d.service)}
            live={current?.live ?? false}
            verticalOn={current?.vertical.on ?? false}
            run={run}
          />
        ))}
      </ul>
      {current && (
        <EncodesSection
          state={current}
          onVertical={(on) => void run(client.call('destinations.setVertical', { on }))}
        />
      )}
      {list.length === 0 && <p className="muted">{t('destinations.none')}</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {adding && serviceList.length > 0 ? (
        <AddForm services={serviceList} run={run} onDone={() => (setAdding(false), setError(null))} />
      ) : (
        list.length < max && (
          <button type="button" className="primary" onClick={() => setAdding(true)} data-testid="destination-add">
            {t('destinations.add')}
          </button>
        )
      )}
    </section>
  );
}
