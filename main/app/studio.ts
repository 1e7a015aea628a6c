// The composition root: builds every main-side service from options, for the Electron entry and the
// headless host alike. Tests build a real studio on a temporary folder through this same function.
import { join } from 'node:path';
import { ApiRouter, EventBus } from '../api';
import { ScenesService } from '../scenes';
import { openStudioStorage, type StudioStorage } from '../storage';
import { defaultFfmpegLocation, SystemService, type FfmpegLocation } from '../system';
import { buildHandlers } from './handlers';

export interface StudioOptions {
  dataDir: string;
  runtime: 'electron' | 'headless';
  appVersion: string;
  electronVersion?: string | null;
  ffmpeg?: FfmpegLocation;
  log?: (line: string) => void;
}

export interface Studio {
  readonly options: StudioOptions;
  readonly router: ApiRouter;
  readonly bus: EventBus;
  readonly storage: StudioStorage;
  readonly system: SystemService;
  readonly scenes: ScenesService;
  close(): Promise<void>;
}

export async function createStudio(options: StudioOptions): Promise<Studio> {
  const log = options.log ?? ((line: string) => console.error(`[studio] ${line}`));
  const storage = openStudioStorage(join(options.dataDir, 'studio.db'));
  const bus = new EventBus();
  const system = new SystemService({
    appName: 'VJ Studio',
    appVersion: options.appVersion,
    runtime: options.runtime,
    electronVersion: options.electronVersion ?? null,
    dataDir: options.dataDir,
    ffmpeg: options.ffmpeg ?? defaultFfmpegLocation(),
    storage,
  });
  const closers: (() => Promise<void> | void)[] = [];
  // Scenes: until the media engine is wired here, the program scene goes nowhere (noSceneOutput);
  // the wiring is scenes.setOutput({ applyScene: (scene, t) => engine.setScene(scene, t) }).
  const scenes = new ScenesService({ db: storage.db, bus, log });
  const services = { storage, bus, system, scenes, log };
  const router = new ApiRouter(buildHandlers(services), log);
  closers.push(() => storage.close());
  closers.push(() => scenes.close());
  return {
    options,
    router,
    bus,
    storage,
    system,
    scenes,
    async close() {
      for (const close of closers.reverse()) {
        try {
          await close();
        } catch (err) {
          log(`while closing: ${(err as Error).message}`);
        }
      }
    },
  };
}

export type StudioServices = {
  storage: StudioStorage;
  bus: EventBus;
  system: SystemService;
  scenes: ScenesService;
  log: (line: string) => void;
};
