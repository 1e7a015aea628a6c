// The composition root: builds every main-side service from options, for the Electron entry and the
// headless host alike. Tests build a real studio on a temporary folder through this same function.
import { join } from 'node:path';
import { wireOnstream } from '../onstream/onstreamWiring';
import type { OnstreamService } from '../onstream/onstreamService';
import { ApiRouter, EventBus } from '../api';
import { SafetyEventStore, SafetyService, type Classifier, withGuestSafety, WorkerClassifier } from '../safety';
import { ScenesService } from '../scenes';
import {
  AccountService,
  BandwidthTester,
  BroadcastSession,
  EmbeddedPlatformHost,
  FileSecretStore,
  HistoryService,
  noMedia,
  type PlatformStarter,
  type SecretStore,
} from '../session';
import { BroadcastRepository, CockpitLayoutRepository, openStudioStorage, type StudioStorage } from '../storage';
import { CockpitService, type PanelWindowOpener } from '../cockpit';
import {
  ChatFeed,
  ChatStore,
  chatServiceFactory,
  ThreadChatWriter,
  type ChatServiceFactory,
  type TencentChatModule,
} from '../chat';
import { defaultFfmpegLocation, SystemService, type FfmpegLocation } from '../system';
import { buildHandlers } from './handlers';
import {
  cohostChatThroughTheFeed,
  firstMicrophoneIsTheDefault,
  guestStreamOfTheLiveRoom,
  guestsLeaveBeforeThePushStops,
  wireStudio,
} from './wiring';
import { broadcastMedia, listDevices, MediaService, testPatternDevice } from '../media';
import { CohostService } from '../cohost';
import { createStudioPk, type PkService } from '../pk';
import { DestinationBook, DestinationsService, engineEncodes } from '../destinations';
import { streamMetadata } from '../media/encoderCommand';
import type { CallName, Reply } from '../contract';
import type { CallContext } from '../api/router';
import { ObsWebSocketService } from '../obsWebSocket';
import { HotkeysService, type GlobalHotkeyRegistrar } from '../hotkeys';
import { ShutdownList } from './shutdown';

export interface StudioOptions {
  dataDir: string;
  runtime: 'electron' | 'headless';
  appVersion: string;
  electronVersion?: string | null;
  ffmpeg?: FfmpegLocation;
  log?: (line: string) => void;
  /** Where the session token rests: safeStorage in Electron; a 0600 file by default. */
  secrets?: SecretStore;
  /** Where destinations and their stream keys rest: safeStorage in Electron; a 0600 file by default. */
  destinationSecrets?: SecretStore;
  /** Starts the embedded platform (local mode); null when this build has none. */
  platformStarter?: PlatformStarter | null;
  /** Ports of the embedded platform; the defaults fall back to free ones when taken. */
  platformPorts?: { http: number; rtmp: number };
  /** Content safety's classifier; the nsfwjs worker by default (tests and end-to-end runs hand a scripted one). */
  safetyClassifier?: () => Classifier;
  /** Program frames besides the preview tap (an end-to-end run feeds synthetic ones); returns how to stop. */
  programFrames?: (safety: SafetyService) => () => void;
  /** Chat backends; tests and the chat benchmark may hand their own. */
  createChatService?: ChatServiceFactory;
  /** The Tencent Cloud IM SDK module (cloud mode): @tencentcloud/chat unless a test hands a stand-in. */
  tencentChatSdk?: TencentChatModule;
  /** Opens a live-screen panel in a window of its own (the Electron shell); the headless host has none. */
  openPanelWindow?: PanelWindowOpener;
  /** The obs-websocket server's port instead of the VJ's setting (tests listen on 0). */
  obsWebSocketPort?: number;
  /** The logs folder and, in the shell, how to open it (Settings → Open logs folder). */
  logsFolder?: { path: string; open?: () => Promise<void> };
  /** System-wide hotkeys: Electron's globalShortcut from the shell; none in the headless host. */
  globalHotkeys?: GlobalHotkeyRegistrar | null;
}

export interface Studio {
  readonly options: StudioOptions;
  readonly router: ApiRouter;
  readonly bus: EventBus;
  readonly storage: StudioStorage;
  readonly system: SystemService;
  readonly scenes: ScenesService;
  readonly chat: ChatFeed;
  readonly obsWebSocket: ObsWebSocketService;
  /** The media pipeline (tests read its frame clock to time what reaches the stream). */
  readonly media: MediaService;
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
    ...(options.logsFolder ? { logsFolder: options.logsFolder } : {}),
  });
  const closers = new ShutdownList(log);
  // Scenes: the program scene goes to the media engine once it is built below (wiring.ts).
  const scenes = await ScenesService.open({ db: storage.db, bus, log, findCamera: () => firstCamera(system.ffmpeg) });
  closers.add('storage', () => storage.close());
  closers.add('scenes', () => scenes.close());

  // Session: the embedded platform (local mode), the account, one broadcast at a time, and its history.
  const embedded = new EmbeddedPlatformHost(
    options.platformStarter ?? null,
    options.dataDir,
    options.platformPorts,
    log,
  );
  closers.add('the embedded platform', () => embedded.close());
  const account = new AccountService({
    settings: storage.settings,
    secrets: options.secrets ?? new FileSecretStore(join(options.dataDir, 'session-token')),
    embedded,
    bus,
    log,
  });
  const broadcasts = new BroadcastRepository(storage.db);
  // The media engine: scenes drive its compositor, the session its push and recording.
  const ffmpegFound = system.ffmpeg;
  const mediaService = new MediaService({
    ffmpegPath: ffmpegFound.found ? ffmpegFound.path : null,
    dataDir: options.dataDir,
    bus,
    log,
  });
  closers.add('media', () => mediaService.close());
  if (ffmpegFound.found) firstMicrophoneIsTheDefault(mediaService, log);
  // More destinations hang off the same encode and push while the room's own push is on.
  const destinations = new DestinationsService({
    book: new DestinationBook(
      options.destinationSecrets ?? new FileSecretStore(join(options.dataDir, 'destinations')),
      log,
    ),
    fanout: () => mediaService.engine.fanout,
    encodes: engineEncodes(mediaService.engine, ffmpegFound.found ? ffmpegFound.path : null),
    metadata: () => streamMetadata(mediaService.engine.preset),
    log,
  });
  closers.add('destinations', () => destinations.close());
  const media = guestsLeaveBeforeThePushStops(
    ffmpegFound.found ? broadcastMedia(mediaService) : noMedia,
    () => cohost,
    log,
  );
  const session = new BroadcastSession({ account, media, repo: broadcasts, bus, log });
  closers.add('the broadcast session', () => session.close());
  const history = new HistoryService(broadcasts);
  // The set-up screen's bandwidth test: the embedded ingest in local mode, the last push host in cloud mode.
  const bandwidth = new BandwidthTester({
    bus,
    localIngest: () => account.localIngest(),
    lastPushUrl: () => broadcasts.list('startedAt', 'desc')[0]?.pushUrl ?? null,
    isLive: () => session.state().phase === 'live' || session.state().phase === 'starting',
  });
  await account.start();
  await session.recoverAfterCrash();

  // Content safety: the classifier loads only once a source is attached (the media engine's preview tap,
  // a guest's stream). Alerts go to the platform with the room while live.
  const ffmpegLoc = system.ffmpeg;
  if (options.safetyClassifier) log('content safety uses the classifier handed to createStudio, not the nsfwjs worker');
  const safety = new SafetyService({
    settings: storage.settings,
    store: new SafetyEventStore(storage.db),
    bus,
    createClassifier: options.safetyClassifier ?? (() => new WorkerClassifier({ log })),
    ffmpeg: ffmpegLoc.found ? ffmpegLoc.path : null,
    log,
  });
  if (options.programFrames) closers.add('program frames', options.programFrames(safety));
  closers.add('content safety', () => safety.close());

  const chatStore = new ChatStore(storage.db);
  const chat = new ChatFeed({
    store: chatStore,
    // A flood's inserts and their full-text index are written on a thread of their own (WAL: one writer each).
    writer: new ThreadChatWriter(storage.file, chatStore, log),
    bus,
    createService: options.createChatService ?? chatServiceFactory(options.tencentChatSdk),
    log,
  });
  closers.add('chat', () => chat.close());

  // Joint broadcasting: signals through the chat, guest streams from the platform, guests in the program.
  const guardedMedia = withGuestSafety(mediaService.engine, safety);
  const cohost = new CohostService({
    chat: cohostChatThroughTheFeed(bus, chat),
    guestStream: guestStreamOfTheLiveRoom(session, account),
    // Every guest stream the co-host service puts into the picture is also sampled by safety, so a guest
    // over a threshold can be taken out of the composite (remove-guest) on their own frames.
    media: () => guardedMedia,
    ffmpegPath: ffmpegFound.found ? ffmpegFound.path : 'ffmpeg',
    log,
  });
  closers.add('co-hosting', () => cohost.close());
  const pk = createStudioPk({
    cohost,
    engine: mediaService.engine,
    platform: () => account.signedInClient().client,
    liveRoomId: () => (session.state().phase === 'live' ? session.state().roomId : null),
    ffmpegPath: ffmpegFound.found ? ffmpegFound.path : 'ffmpeg',
    log,
  });
  closers.add('PK', () => pk.close());
  // The cross-service rules ("when X, do Y") live in wiring.ts.
  const wiring = { bus, log, account, session, scenes, media: mediaService, destinations, safety, chat, cohost, pk };
  for (const unwire of wireStudio(wiring)) closers.add('wiring', unwire);

  const cockpit = new CockpitService({
    repository: new CockpitLayoutRepository(storage.db),
    bus,
    activeProfileId: () => scenes.state().profile.id,
    openPanelWindow: options.openPanelWindow ?? null,
  });
  // Control surfaces: the obs-websocket server answers through the studio's own calls (the router below).
  const dispatch = (name: CallName, input: unknown, ctx: CallContext): Promise<Reply> =>
    router.dispatch(name, input, ctx);
  const obsWebSocket: ObsWebSocketService = new ObsWebSocketService({
    settings: storage.settings,
    bus,
    dispatch,
    log,
    ...(options.obsWebSocketPort !== undefined ? { portOverride: options.obsWebSocketPort } : {}),
  });
  closers.add('the obs-websocket server', () => obsWebSocket.close());
  const hotkeys = new HotkeysService({
    settings: storage.settings,
    bus,
    dispatch,
    registrar: options.globalHotkeys ?? null,
    log,
  });
  closers.add('hotkeys', () => hotkeys.close());

  // Alerts drawn in the program's prepared slots, from the room's platform signals only.
  const onstream = wireOnstream({
    bus,
    settings: storage.settings,
    profileId: () => scenes.state().profile.id,
    program: mediaService.engine,
    dataDir: options.dataDir,
    ffmpegPath: ffmpegFound.found ? ffmpegFound.path : null,
    log,
  });
  closers.add('on-stream widgets', () => onstream.close());

  const services = {
    storage,
    bus,
    system,
    scenes,
    log,
    account,
    session,
    history,
    bandwidth,
    safety,
    chat,
    media: mediaService,
    cohost,
    pk,
    cockpit,
    destinations,
    obsWebSocket,
    hotkeys,
    onstream: onstream.service,
  };
  const router: ApiRouter = new ApiRouter(buildHandlers(services), log);
  await obsWebSocket.start();
  hotkeys.start();
  return {
    options,
    router,
    bus,
    storage,
    system,
    scenes,
    chat,
    obsWebSocket,
    media: mediaService,
    close: () => closers.closeAll(),
  };
}

export type StudioServices = {
  storage: StudioStorage;
  bus: EventBus;
  system: SystemService;
  scenes: ScenesService;
  log: (line: string) => void;
  account: AccountService;
  session: BroadcastSession;
  history: HistoryService;
  bandwidth: BandwidthTester;
  safety: SafetyService;
  chat: ChatFeed;
  media: MediaService;
  cohost: CohostService;
  pk: PkService;
  cockpit: CockpitService;
  destinations: DestinationsService;
  obsWebSocket: ObsWebSocketService;
  hotkeys: HotkeysService;
  onstream: OnstreamService;
};

/** The first real camera ffmpeg lists on this machine, for the default scenes; null where there is none. */
async function firstCamera(ffmpeg: FfmpegLocation): Promise<string | null> {
  if (!ffmpeg.found) return null;
  const devices = await listDevices(ffmpeg.path);
  return devices.find((d) => d.kind === 'camera' && d.id !== testPatternDevice.id)?.id ?? null;
}
