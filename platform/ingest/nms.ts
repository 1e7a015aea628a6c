// The parts of node-media-server 4.4.3 the ingest reuses (its RTMP and FLV session code), typed minimally.
//
// We do not run NodeMediaServer itself: it cannot listen on port 0 (a falsy port skips the listener), it calls
// process.exit on a listen error, keeps one global config per process, and emits postPublish for refused
// publishers. Instead the platform owns the TCP and HTTP listeners and hands each connection to NMS's sessions.
import { createRequire } from 'node:module';
import type { Socket } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';

const requireFromHere = createRequire(import.meta.url);

export interface NmsBroadcast {
  publisher: NmsSession | null;
  publishGraceMs: number;
  subscribers: Map<string, NmsSession>;
  /** What a new RTMP player is sent first: the GOP so far (null: nothing, it starts at the next keyframe). */
  rtmpGopCache: Set<Buffer> | null;
}

export interface NmsSession {
  id: string;
  ip: string;
  isPublisher: boolean;
  streamApp: string;
  streamName: string;
  streamPath: string;
  streamQuery: Record<string, unknown>;
  videoWidth: number;
  videoHeight: number;
  broadcast: NmsBroadcast;
  rtmp: { onPushCallback: () => void; onPlayCallback: () => void };
  run(): void;
  onPush(): void;
  onPlay(): void;
  close(): void;
}

interface NmsContext {
  sessions: Map<string, NmsSession>;
  broadcasts: Map<string, NmsBroadcast>;
  config: Record<string, unknown>;
}

export const nmsContext = requireFromHere('node-media-server/src/core/context.js') as NmsContext;
const logger = requireFromHere('node-media-server/src/core/logger.js') as { level: string };
// Its default logs a line per connection; the platform reports what matters itself.
logger.level = 'error';

const RtmpSession = requireFromHere('node-media-server/src/session/rtmp_session.js') as new (
  socket: Socket,
) => NmsSession;
const FlvSession = requireFromHere('node-media-server/src/session/flv_session.js') as new (
  req: IncomingMessage,
  res: ServerResponse,
) => NmsSession;

export function newRtmpSession(socket: Socket): NmsSession {
  const s = new RtmpSession(socket);
  nmsContext.sessions.set(s.id, s);
  return s;
}

/** An HTTP-FLV player session: NMS expects Express's params/hostname/query on the request, so we supply them. */
export function newFlvPlayer(req: IncomingMessage, res: ServerResponse, app: string, name: string): NmsSession {
  Object.assign(req, { params: { app, name }, hostname: '', query: {} });
  const s = new FlvSession(req, res);
  nmsContext.sessions.set(s.id, s);
  return s;
}
