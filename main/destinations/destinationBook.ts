// The destinations the VJ keeps, keys included, at rest in a secret store (safeStorage in Electron, a 0600
// file headless) and nowhere else: not in the settings table the renderer can read and write, so a caller
// cannot point a saved key at another server without giving the key again.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  destinationEncodeSchema,
  MAX_DESTINATIONS,
  MAX_VERTICAL_LAYOUTS,
  verticalPlacementSchema,
  type DestinationEncode,
  type VerticalPlacementInput,
} from '../contract/destinations';
import { StudioError } from '../contract/errors';
import { refusalWords } from '../contract/refusalWords';
import type { SecretStore } from '../session';
import { findService } from './serviceCatalog';

const words = refusalWords.destinations;

export interface DestinationRecord {
  id: string;
  name: string;
  service: string;
  server: string;
  key: string | null;
  paused: boolean;
  encode: DestinationEncode;
}

const recordSchema = z.object({
  id: z.string(),
  name: z.string(),
  service: z.string(),
  server: z.string(),
  key: z.string().nullable(),
  paused: z.boolean(),
  encode: destinationEncodeSchema.default('main'),
});
const fileSchema = z.object({
  version: z.literal(1),
  destinations: z.array(recordSchema).max(MAX_DESTINATIONS),
  vertical: z
    .object({
      on: z.boolean(),
      layouts: z.record(z.string(), z.array(verticalPlacementSchema)).default({}),
    })
    .default({ on: false, layouts: {} }),
});

export interface NewDestination {
  service: string;
  name?: string;
  server: string;
  key?: string;
  encode?: DestinationEncode;
}

export class DestinationBook {
  private records: DestinationRecord[] = [];
  private vertical: { on: boolean; layouts: Record<string, VerticalPlacementInput[]> } = { on: false, layouts: {} };

  constructor(
    private readonly store: SecretStore,
    private readonly log: (line: string) => void,
  ) {
    const text = store.read();
    if (!text) return;
    try {
      const file = fileSchema.parse(JSON.parse(text));
      this.records = file.destinations;
      this.vertical = file.vertical;
    } catch {
      this.log(`destinations: the saved list in ${store.kind} could not be read; starting with none`);
    }
  }

  list(): readonly DestinationRecord[] {
    return this.records;
  }

  get(id: string): DestinationRecord {
    const found = this.records.find((r) => r.id === id);
    if (!found) throw new StudioError('not_found', words.removed);
    return found;
  }

  add(input: NewDestination): DestinationRecord {
    if (this.records.length >= MAX_DESTINATIONS) throw new StudioError('conflict', words.tooMany(MAX_DESTINATIONS));
    const record = checked({
      id: randomUUID(),
      name: input.name ?? findService(input.service)?.name ?? input.service,
      service: input.service,
      server: input.server,
      key: input.key || null,
      paused: false,
      encode: input.encode ?? 'main',
    });
    this.records = [...this.records, record];
    this.save();
    return record;
  }

  /** A new server or name keeps the saved key only when the service's own servers are the choice. */
  update(
    id: string,
    patch: { name?: string; server?: string; key?: string; encode?: DestinationEncode },
  ): DestinationRecord {
    const old = this.get(id);
    const next = checked({
      ...old,
      name: patch.name ?? old.name,
      server: patch.server ?? old.server,
      key: patch.key !== undefined ? patch.key || null : old.key,
      encode: patch.encode ?? old.encode,
    });
    const service = findService(old.service);
    if (patch.server && patch.server !== old.server && service?.kind !== 'fixed' && old.key && patch.key === undefined)
      throw new StudioError('invalid_input', words.keyAgain);
    this.records = this.records.map((r) => (r.id === id ? next : r));
    this.save();
    return next;
  }

  setPaused(id: string, paused: boolean): DestinationRecord {
    const next = { ...this.get(id), paused };
    this.records = this.records.map((r) => (r.id === id ? next : r));
    this.save();
    return next;
  }

  get verticalOn(): boolean {
    return this.vertical.on;
  }

  setVertical(on: boolean): void {
    this.vertical = { ...this.vertical, on };
    this.save();
  }

  /** The VJ's own vertical layout of a scene, or null for the default one. */
  verticalLayout(sceneId: string): readonly VerticalPlacementInput[] | null {
    return Object.hasOwn(this.vertical.layouts, sceneId) ? (this.vertical.layouts[sceneId] ?? null) : null;
  }

  setVerticalLayout(sceneId: string, items: VerticalPlacementInput[] | null): void {
    const layouts = { ...this.vertical.layouts };
    if (items === null) delete layouts[sceneId];
    else if (!Object.hasOwn(layouts, sceneId) && Object.keys(layouts).length >= MAX_VERTICAL_LAYOUTS)
      throw new StudioError('conflict', words.tooManyLayouts(MAX_VERTICAL_LAYOUTS));
    else layouts[sceneId] = items;
    this.vertical = { ...this.vertical, layouts };
    this.save();
  }

  remove(id: string): void {
    this.get(id);
    this.records = this.records.filter((r) => r.id !== id);
    this.save();
  }

  private save(): void {
    try {
      if (this.records.length === 0 && !this.vertical.on && Object.keys(this.vertical.layouts).length === 0)
        this.store.clear();
      else this.store.write(JSON.stringify({ version: 1, destinations: this.records, vertical: this.vertical }));
    } catch (err) {
      // The destinations still push this run; only keeping them for the next one failed.
      this.log(`destinations: not kept for the next start (${(err as Error).message})`);
    }
  }
}

/** A record the service accepts: a listed server for fixed services, a key where the service needs one. */
function checked(r: DestinationRecord): DestinationRecord {
  const service = findService(r.service);
  if (!service) throw new StudioError('invalid_input', words.unknownService(r.service));
  if (service.kind === 'fixed' && !service.servers.some((s) => s.url === r.server))
    throw new StudioError('invalid_input', words.ownServers(service.name));
  if (service.kind !== 'custom' && !r.key)
    throw new StudioError(
      'invalid_input',
      words.fillKey(service.name, { en: service.words.key.en.toLowerCase(), zh: service.words.key.zh }),
    );
  try {
    const u = new URL(r.server);
    if (!r.key && u.pathname.split('/').filter(Boolean).length < 2) throw new Error('no stream');
  } catch {
    throw new StudioError('invalid_input', words.needsStreamName);
  }
  return r;
}
