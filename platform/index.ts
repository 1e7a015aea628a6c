// The platform (service end): composes storage, accounts, rooms, gifts, the chat hub, the ingest and the viewer page.
import { EventEmitter } from 'node:events';
import { createServer, type Server } from 'node:http';
import { join, resolve } from 'node:path';
import { openDatabase } from '../common/sqlite/database';
import { runMigrations } from '../common/sqlite/migrationRunner';
import { defaultFfmpegLocation } from '../common/ffmpeg/ffmpegLocator';
import { AccountService } from './accounts/accountService';
import { applyOperatorGrants } from './accounts/operators';
import { registerApiRoutes } from './api/routes';
import { registerCallbackRoutes } from './cloud/callbackRoutes';
import { registerImCallbackRoutes } from './cloud/imCallbackRoutes';
import { registerImRelayRoutes } from './cloud/imRelayRoutes';
import { MessageSenders } from './cloud/messageSenders';
import { CloudRoomChat } from './cloud/cloudRoomChat';
import { CloudViewerCounts } from './cloud/cloudViewerCounts';
import { ImRestClient } from './cloud/imRestClient';
import { LOCAL_SDK_APP_ID, localPushKey, resolveSecretKey, type PlatformOptions } from './config';
import { GiftService } from './gifts/giftService';
import { defaultViewerDir, serveFiles, viewerCsp, type ViewerFiles } from './http/files';
import { refusals } from './http/refusals';
import { errorBody, Router, sendJson } from './http/router';
import { ChatHub } from './im/hub';
import { HlsRemuxer } from './ingest/hlsRemux';
import { verifyTxSecret } from './ingest/pushSign';
import { RtmpIngest, type StreamEvent } from './ingest/rtmpIngest';
import { parseGuestStreamName, parseReturnStreamName, returnStreamName } from './rooms/guestStreams';
import { linkFeedStreamName, parseLinkFeedStreamName, startPk } from './pk';
import { RoomService } from './rooms/roomService';
import { playOrigin, type StreamUrlConfig } from './rooms/streamUrls';
import { AccountsRepo } from './storage/accountsRepo';
import { GiftOrdersRepo } from './storage/giftOrdersRepo';
import { platformMigrations } from './storage/migrations';
import { RoomsRepo } from './storage/roomsRepo';
import { startPlatformSafety } from './safety';
import { WhepEgress } from './whep/whepEgress';
import { WhipIngest } from './whip/whipIngest';
import { registerWhipRoutes } from './whip/whipRoutes';

export type { PlatformOptions, CloudOptions } from './config';
export type { StreamEvent } from './ingest/rtmpIngest';

export interface RunningPlatform {
  /** http://127.0.0.1:PORT */
  httpUrl: string;
  /** rtmp://127.0.0.1:RTMPPORT */
  rtmpUrl: string;
  /** ws://127.0.0.1:PORT/im (add ?token=…) */
  imUrl: string;
  sdkAppId: number;
  mode: 'local' | 'cloud';
  dataDir: string;
  /** 'stream' events shaped like Tencent Cloud Live's pushed (1) / cut off (0) callbacks. */
  events: EventEmitter<{ stream: [StreamEvent] }>;
  close(): Promise<void>;
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((done, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const a = server.address();
      done(typeof a === 'object' && a ? a.port : port);
    });
  });
}

export async function startPlatform(options: PlatformOptions): Promise<RunningPlatform> {
  const host = options.host ?? '127.0.0.1';
  const dataDir = resolve(options.dataDir);
  const log = options.log ?? (() => {});
  const secretKey = resolveSecretKey(dataDir, options.secretKey);
  const sdkAppId = options.sdkAppId ?? LOCAL_SDK_APP_ID;
  const heartbeatSeconds = options.heartbeatSeconds ?? 10;
  const mode = options.cloud ? 'cloud' : 'local';
  const pushKey = options.cloud?.pushKey ?? localPushKey(secretKey);
  const events = new EventEmitter<{ stream: [StreamEvent] }>();

  const db = openDatabase(join(dataDir, 'platform.sqlite'));
  runMigrations(db, platformMigrations);
  const accountsRepo = new AccountsRepo(db);
  const roomsRepo = new RoomsRepo(db);
  accountsRepo.purgeExpiredTokens();
  // Before anything listens: a grant that cannot be applied stops the start, with the reason.
  try {
    const granted = await applyOperatorGrants(accountsRepo, options.operators ?? []);
    if (granted.length) log(`operators granted on this machine: ${granted.join(', ')}`);
  } catch (err) {
    db.close();
    throw err;
  }

  const urls: StreamUrlConfig = {
    rtmpBase: '',
    httpBase: '',
    pushKey,
    pushValiditySeconds: 86400,
    ...(options.cloud ? { cloud: options.cloud } : {}),
  };
  const endpoints = { imUrl: '' };

  const hub = new ChatHub(
    {
      authenticate: (token) => {
        const a = accountsRepo.byToken(token);
        return a && { userId: a.userId, nickname: a.nickname, operator: a.role === 'operator' };
      },
      findLiveRoom: (groupId) => {
        const r = roomsRepo.byGroup(groupId);
        return r && r.status === 'live'
          ? { roomId: r.roomId, groupId: r.groupId, ownerId: r.ownerId, admins: roomsRepo.moderators(r.roomId) }
          : undefined;
      },
      adminChanged: (roomId, userId, admin) =>
        admin ? roomsRepo.addModerator(roomId, userId) : roomsRepo.removeModerator(roomId, userId),
      viewersSeen: (roomId, userIds) => db.transaction(() => userIds.forEach((u) => roomsRepo.addViewer(roomId, u)))(),
    },
    options.chat,
  );
  const accounts = new AccountService(accountsRepo, {
    sdkAppId,
    secretKey,
    sessionSeconds: options.sessionSeconds ?? 7 * 86400,
    guestBalance: options.guestBalance ?? 200,
    imUrl: () => (mode === 'local' ? endpoints.imUrl : undefined),
    mode,
    reservedUserIds: [options.cloud?.adminUserId ?? 'administrator', 'admin', 'platform', 'system'],
    imAdmin: options.cloud?.adminUserId ?? 'administrator',
  });
  const cloudIm = options.cloud
    ? new ImRestClient({
        baseUrl: options.cloud.imApiBase ?? 'https://console.tim.qq.com',
        sdkAppId,
        secretKey,
        adminUserId: options.cloud.adminUserId ?? 'administrator',
      })
    : null;
  const cloudChat = cloudIm
    ? new CloudRoomChat(cloudIm, {
        log,
        ...(options.cloud?.retryDelaysMs ? { retryDelaysMs: options.cloud.retryDelaysMs } : {}),
      })
    : null;
  const rooms = new RoomService(roomsRepo, hub, urls, heartbeatSeconds, cloudChat, options.resumeGraceSeconds);
  const viewerCounts = cloudIm
    ? new CloudViewerCounts(
        cloudIm,
        () => roomsRepo.live().map((r) => r.groupId),
        log,
        options.cloud?.viewerCountEveryMs,
      )
    : null;
  if (viewerCounts) rooms.hooks.viewerCount = (groupId) => viewerCounts.count(groupId);
  const gifts = new GiftService(new GiftOrdersRepo(db), rooms, hub, cloudChat, log);

  const ingest = new RtmpIngest({
    host,
    port: options.rtmpPort ?? 1935,
    log,
    authorize: (streamName, query) => {
      // A co-host guest publishes to their own stream of a live room, signed by the owner-only guest endpoint.
      // A linked VJ publishes their link feed, named after their room's stream and signed like it; a guest's
      // return feed is pushed by the studio, signed the same way.
      const guest = parseGuestStreamName(streamName) ?? parseReturnStreamName(streamName);
      const room = rooms.findByStream(guest?.roomStream ?? parseLinkFeedStreamName(streamName) ?? streamName);
      if (!room || room.status !== 'live') return { ok: false, reason: 'No live room has this stream.' };
      // The ingest only logs its refusals: the English is enough there.
      const check = verifyTxSecret(pushKey, streamName, query);
      return check.ok ? check : { ok: false, reason: check.reason.en };
    },
    // A linked VJ's studio watches the partner's link feed: it ends with its publisher, so a vanished VJ leaves
    // the partner's program at once instead of after the watcher's silence timeout.
    endPlayersOnCutOff: (streamName) => parseLinkFeedStreamName(streamName) !== null,
    // A guest's return feed is played by the platform alone (signed as its push is), from its next keyframe.
    authorizePlay: (streamName, query) => {
      if (!parseReturnStreamName(streamName)) return null;
      const check = verifyTxSecret(pushKey, streamName, query);
      return check.ok ? { ok: true, live: true } : { ok: false, reason: check.reason.en };
    },
  });
  const ffmpegPath =
    options.ffmpegPath ??
    (() => {
      const loc = defaultFfmpegLocation();
      return loc.found ? loc.path : 'ffmpeg';
    })();
  const hls = new HlsRemuxer(ffmpegPath, join(dataDir, 'hls'), () => `rtmp://${urlHost(host)}:${ingest.port}`, log);
  const hlsOn = options.hls !== false;
  ingest.on('stream', (e) => {
    const up = e.event_type === 1;
    const linkOf = parseLinkFeedStreamName(e.stream_id);
    // A link feed that drops while its room is live means the VJ vanished (a studio ends its links first).
    if (linkOf && !up) {
      const linked = rooms.findByStream(linkOf);
      if (linked?.status === 'live')
        pk.linkFeedDropped(linked.roomId, () => ingest.liveStreams().includes(e.stream_id));
    }
    const room = linkOf ? undefined : rooms.setStreamUp(e.stream_id, up);
    if (up && room && hlsOn) hls.start(e.stream_id);
    if (!up) hls.stop(e.stream_id);
    log(`ingest: stream ${e.stream_id} ${up ? 'pushed' : 'cut off'}`);
    events.emit('stream', e);
  });
  const whip = new WhipIngest({ ffmpegPath, log });
  const whep = new WhepEgress({ ffmpegPath, isLive: (s) => ingest.isLive(s), log });
  rooms.hooks.guestStreamReleased = async (room, userId, streamName) => {
    await whip.release(room.roomId, userId, 'putOnVideoAgain');
    await ingest.cutOff(streamName);
  };
  rooms.hooks.guestStreamIssued = (room, userId, stream) => {
    whip.grant({ roomId: room.roomId, userId, publishUrl: stream.pushUrl });
    const playUrl = stream.returnPushUrl;
    if (playUrl) whep.grant(room.roomId, userId, { playUrl, streamName: returnStreamName(room.streamName, userId) });
  };
  rooms.hooks.roomEnded = (room) => {
    void whip.endRoom(room.roomId);
    void whep.endRoom(room.roomId);
    pk.roomGone(room.roomId, 'room_ended');
    void ingest.cutOff(room.streamName);
    void ingest.cutOff(linkFeedStreamName(room.streamName));
    for (const s of ingest.liveStreams())
      if ((parseGuestStreamName(s) ?? parseReturnStreamName(s))?.roomStream === room.streamName) void ingest.cutOff(s);
    hls.stop(room.streamName);
  };

  const router = new Router();
  registerApiRoutes(router, { accounts, rooms, gifts, mode });
  const pk = startPk({ db, router, accounts, rooms: roomsRepo, hub, cloudChat, urls, log });
  gifts.battleCredited = (battleId) => pk.credited(battleId);
  registerWhipRoutes(router, { accounts, rooms, whip, whep, mode });
  registerCallbackRoutes(router, { rooms, callbackKey: options.cloud?.callbackKey, log });
  const senders = new MessageSenders();
  registerImCallbackRoutes(router, {
    sdkAppId,
    token: options.cloud?.imCallbackToken,
    rooms: roomsRepo,
    senders,
    log,
  });
  registerImRelayRoutes(router, { accounts, rooms: roomsRepo, im: cloudIm, cloudChat, senders, log });
  const safety = startPlatformSafety(
    router,
    { rooms, accounts, ffmpegPath, callbackKey: options.cloud?.callbackKey, log },
    options.safety,
  );
  const viewer: ViewerFiles = {
    dir: defaultViewerDir(),
    csp: viewerCsp(options.cloud ? { playOrigin: playOrigin(options.cloud) } : undefined),
    ...(options.viewerChatSdkModule !== undefined
      ? { replaced: { '/tencentChat.js': options.viewerChatSdkModule } }
      : {}),
  };
  const flvPath = /^\/live\/([A-Za-z0-9_-]{1,128})\.flv$/;

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const flv = req.method === 'GET' ? flvPath.exec(path) : null;
    // A guest's return feed is theirs alone (over WHEP): never played over HTTP-FLV.
    if (flv && parseReturnStreamName(flv[1]!))
      return sendJson(res, 404, errorBody('not_found', refusals.returnFeedNotPlayable));
    if (flv) return ingest.serveFlv(req, res, flv[1]!);
    router
      .handle(req, res)
      .then((handled) => {
        if (!handled && !serveFiles(req, res, viewer, (s) => hls.dirOf(s)))
          sendJson(res, 404, errorBody('not_found', refusals.nothingHere));
      })
      .catch((e: Error) => {
        if (!res.headersSent)
          sendJson(res, 500, errorBody('internal', { en: e.message, zh: refusals.failed(e.message).zh }));
      });
  });
  server.on('upgrade', (req, socket, head) => {
    if (!hub.handleUpgrade(req, socket, head)) socket.destroy();
  });

  let httpPort: number;
  try {
    httpPort = await listen(server, options.port ?? 8080, host);
    await ingest.listen();
  } catch (e) {
    server.close();
    await hub.close();
    db.close();
    throw new Error(`The platform could not listen on ${host}: ${(e as Error).message}`, { cause: e });
  }
  const httpUrl = `http://${urlHost(host)}:${httpPort}`;
  const rtmpUrl = `rtmp://${urlHost(host)}:${ingest.port}`;
  urls.httpBase = httpUrl;
  urls.rtmpBase = rtmpUrl;
  endpoints.imUrl = `ws://${urlHost(host)}:${httpPort}/im`;
  rooms.startHeartbeatMonitor();
  log(`platform: ${httpUrl} · ${rtmpUrl} · ${mode} mode · SDKAppID ${sdkAppId}`);

  let closed: Promise<void> | null = null;
  return {
    httpUrl,
    rtmpUrl,
    imUrl: endpoints.imUrl,
    sdkAppId,
    mode,
    dataDir,
    events,
    close: () =>
      (closed ??= (async () => {
        rooms.stop();
        viewerCounts?.stop();
        pk.close();
        await whip.close();
        await whep.close();
        await safety.close();
        await hls.stopAll();
        await ingest.close();
        await hub.close();
        server.closeAllConnections();
        await new Promise<void>((done) => server.close(() => done()));
        db.close();
      })()),
  };
}
