// The live chat hub: WebSocket connections at /im, frame validation, and dispatch into each room's runtime.
import type { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { frameWords, refusals } from '../http/refusals';
import type { ClientFrame, Elem, GroupMessage, Priority, ServerFrame } from '../../common/chatHub/protocol';
import { clientFrameSchema, IM_PATH, MAX_FRAME_BYTES, MAX_MESSAGE_BYTES } from '../../common/chatHub/protocol';
import type { customElemSchema } from '../../common/chatHub/protocol';
import type { z } from 'zod';
import { encode, RoomRuntime, type RoomInfo } from './roomRuntime';
import { refuse, type Refusal } from './roomRules';
import { FanOutThreads } from './fanOutThreads';
import { judgeDirectSend, judgeGroupSend, SYSTEM_MEMBER } from './signalGuard';
import { controlCharacterProblem } from './textGuard';
import { Connection, holdWritesThisTick } from './hubConnection';
import { plainTextSend, sendAck, surelyWithinMessageBytes } from './textSendFrame';
import { wsTextFrameOf } from './wsFrame';
import { moderateFrame } from './moderationFrames';

export { wsTextFrame } from './wsFrame';

/**
 * Fan-out threads unless told otherwise: what bench:platform measures. They keep the hub's event loop (joins, acks,
 * moderation) free while a large room's write loop runs on other cores; idle, they cost no CPU and ~10 MB each.
 */
export const DEFAULT_FAN_OUT_THREADS = 2;

const EMPTY_HISTORY = Buffer.from('[]');
const CLOSING_BRACE = Buffer.from('}');

type CustomPayload = z.infer<typeof customElemSchema>['payload'];

export interface HubDirectory {
  authenticate(token: string): { userId: string; nickname: string; operator: boolean } | undefined;
  /** The live room behind a group, or undefined when there is none (or it ended). */
  findLiveRoom(groupId: string): RoomInfo | undefined;
  adminChanged(roomId: string, userId: string, admin: boolean): void;
  viewersSeen(roomId: string, userIds: string[]): void;
}

export interface HubOptions {
  messagesPerSecond?: number;
  /** Per-member burst and refill of the per-user rate limit (Owner and Admins are exempt). */
  userBurst?: number;
  userPerSecond?: number;
  flushMs?: number;
  /** Threads that write the viewers' sockets (a large room's fan-out on more cores); 0: the hub's own thread. */
  fanOutThreads?: number;
  /** How much of a room's catch-up log stays in memory (CATCH_UP_BYTES); older frames go to disk. */
  catchUpMemoryBytes?: number;
}

export class ChatHub {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024, perMessageDeflate: false });
  private readonly rooms = new Map<string, RoomRuntime>();
  private readonly byUser = new Map<string, Set<Connection>>();
  private nextId = 1;
  private c2cSeq = 0;
  private ticks = 0;
  private readonly timer: NodeJS.Timeout;
  private readonly burst: number;
  private readonly perSecond: number;
  private readonly fanOut: FanOutThreads | null;

  constructor(
    private readonly dir: HubDirectory,
    private readonly options: HubOptions = {},
  ) {
    this.burst = options.userBurst ?? 10;
    this.perSecond = options.userPerSecond ?? 5;
    const threads = options.fanOutThreads ?? DEFAULT_FAN_OUT_THREADS;
    this.fanOut = threads > 0 ? new FanOutThreads(threads) : null;
    const flushMs = options.flushMs ?? 50;
    this.timer = setInterval(() => this.tick(flushMs), flushMs);
  }

  /** Hand an HTTP upgrade here; answers false when the path is not the hub's. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname !== IM_PATH) return false;
    const who = this.dir.authenticate(url.searchParams.get('token') ?? '');
    if (!who) {
      socket.end(
        'HTTP/1.1 401 Unauthorized\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nSign in first: the token is missing or has expired.',
      );
      return true;
    }
    // The upgrade's answer and the hello leave in one write.
    if (socket instanceof Socket) holdWritesThisTick(socket);
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, who));
    return true;
  }

  private onConnection(ws: WebSocket, who: { userId: string; nickname: string; operator: boolean }): void {
    const c = new Connection(this.nextId++, who.userId, who.nickname, who.operator, ws, this.burst);
    let set = this.byUser.get(c.userId);
    if (!set) this.byUser.set(c.userId, (set = new Set()));
    set.add(c);
    ws.on('message', (data, isBinary) => this.onFrame(c, data as Buffer, isBinary));
    ws.on('close', () => {
      c.room?.remove(c);
      const s = this.byUser.get(c.userId);
      s?.delete(c);
      if (s?.size === 0) this.byUser.delete(c.userId);
    });
    ws.on('error', () => ws.terminate());
    c.send(encode({ type: 'hello', userId: c.userId, nickname: c.nickname, serverTime: Date.now() }));
  }

  private onFrame(c: Connection, data: Buffer, isBinary: boolean): void {
    c.holdWrites();
    if (isBinary) return refuse(c, undefined, { code: 'bad_frame', words: refusals.binaryFrame });
    if (data.length > MAX_FRAME_BYTES)
      return refuse(c, undefined, { code: 'too_large', words: refusals.messageTooLarge, tencentCode: 80002 });
    let raw: unknown;
    try {
      raw = JSON.parse(data.toString('utf8'));
    } catch {
      return refuse(c, undefined, { code: 'bad_frame', words: refusals.frameNotJson });
    }
    const reqId =
      typeof raw === 'object' && raw !== null && typeof (raw as { reqId?: unknown }).reqId === 'string'
        ? (raw as { reqId: string }).reqId.slice(0, 64)
        : undefined;
    // A plain text send (a flood's every line) is read without the schema; anything else goes through it.
    const plain = plainTextSend(raw);
    if (plain) return this.dispatchSafely(c, plain, reqId);
    const parsed = clientFrameSchema.safeParse(raw);
    if (!parsed.success) {
      const tooLong = parsed.error.issues.some((i) => i.code === 'too_big' && i.path.includes('payload'));
      if (tooLong) return refuse(c, reqId, { code: 'too_large', words: refusals.messageTooLarge, tencentCode: 80002 });
      return refuse(c, reqId, { code: 'bad_frame', words: frameWords(parsed.error) });
    }
    this.dispatchSafely(c, parsed.data, reqId);
  }

  private dispatchSafely(c: Connection, f: ClientFrame, reqId: string | undefined): void {
    try {
      this.dispatch(c, f);
    } catch (e) {
      refuse(c, reqId, { code: 'internal', words: refusals.hubFailed((e as Error).message) });
    }
  }

  private roomFor(c: Connection, groupId: string, reqId: string | undefined): RoomRuntime | null {
    const room = c.room;
    if (!room || room.groupId !== groupId) {
      refuse(c, reqId, { code: 'not_in_room', words: refusals.joinFirst });
      return null;
    }
    return room;
  }

  private dispatch(c: Connection, f: ClientFrame): void {
    const now = Date.now();
    const reqId = f.reqId;
    switch (f.type) {
      case 'ping':
        return c.send(encode({ type: 'pong', ...(reqId ? { reqId } : {}), serverTime: now }));
      case 'join':
        return this.join(c, f.groupId, reqId, now, f.afterSeq);
      case 'leave': {
        if (c.room?.groupId === f.groupId) c.room.remove(c);
        return c.send(encode({ type: 'left', ...(reqId ? { reqId } : {}), groupId: f.groupId }));
      }
      case 'getOnlineCount': {
        const room = this.rooms.get(f.groupId);
        if (!room && !this.dir.findLiveRoom(f.groupId))
          return refuse(c, reqId, { code: 'room_not_found', words: refusals.noLiveRoomId });
        return c.send(
          encode({
            type: 'onlineCount',
            ...(reqId ? { reqId } : {}),
            groupId: f.groupId,
            count: room?.members.size ?? 0,
          }),
        );
      }
      case 'send': {
        const room = this.roomFor(c, f.groupId, reqId);
        if (!room) return;
        const problem = this.messageProblem(f.elem);
        if (problem) return refuse(c, reqId, problem);
        const role = room.roleOf(c.userId, c.operator);
        const judged = judgeGroupSend(role, c.userId, f.elem, f.priority);
        if ('refusal' in judged) return refuse(c, reqId, judged.refusal);
        if (role === 'Member' && !this.takeToken(c, now)) {
          return refuse(c, reqId, { code: 'rate_limited', words: refusals.sendingTooFast, tencentCode: 10023 });
        }
        const refusal = room.checkSend(c, f.elem, now);
        if (refusal) return refuse(c, reqId, refusal);
        const sender = judged.sender === 'system' ? SYSTEM_MEMBER : room.memberOf(c);
        const msg = room.accept(sender, judged.elem, f.priority, c, now);
        return c.send(sendAck(reqId, msg.id, msg.seq, msg.time));
      }
      case 'c2c': {
        const problem = this.messageProblem(f.elem) ?? judgeDirectSend(f.elem);
        if (problem) return refuse(c, reqId, problem);
        // One-to-one messages share the per-user budget: a viewer cannot flood the host with co-host requests.
        if (!this.takeToken(c, now))
          return refuse(c, reqId, { code: 'rate_limited', words: refusals.sendingTooFast, tencentCode: 10023 });
        const id = this.deliverDirect({ userId: c.userId, nickname: c.nickname }, f.to, f.elem.payload, now);
        if (!id) return refuse(c, reqId, { code: 'user_not_found', words: refusals.userOffline });
        return c.send(encode({ type: 'ack', ...(reqId ? { reqId } : {}), msgId: id, time: now }));
      }
      default: {
        const room = this.roomFor(c, f.groupId, reqId);
        if (!room) return;
        return moderateFrame(
          room,
          c,
          f,
          now,
          () => c.send(encode({ type: 'ack', ...(reqId ? { reqId } : {}) })),
          (userId, admin) => this.dir.adminChanged(room.info.roomId, userId, admin),
        );
      }
    }
  }

  private messageProblem(elem: Elem): Refusal | null {
    const short = elem.type === 'TIMTextElem' && surelyWithinMessageBytes(elem.payload.text);
    if (!short && Buffer.byteLength(JSON.stringify(elem.payload)) > MAX_MESSAGE_BYTES)
      return { code: 'too_large', words: refusals.messageTooLarge, tencentCode: 80002 };
    const text = elem.type === 'TIMTextElem' ? elem.payload.text : elem.payload.description;
    if (elem.type === 'TIMTextElem' && text.trim() === '') return { code: 'bad_frame', words: refusals.messageEmpty };
    const ctl = controlCharacterProblem(text);
    return ctl ? { code: 'bad_frame', words: ctl } : null;
  }

  private takeToken(c: Connection, now: number): boolean {
    c.tokens = Math.min(this.burst, c.tokens + ((now - c.lastRefill) / 1000) * this.perSecond);
    c.lastRefill = now;
    if (c.tokens < 1) return false;
    c.tokens -= 1;
    return true;
  }

  private join(c: Connection, groupId: string, reqId: string | undefined, now: number, afterSeq?: number): void {
    const room = this.runtime(groupId);
    if (!room) return refuse(c, reqId, { code: 'room_not_found', words: refusals.noLiveRoomIdEnded });
    const banned = room.bannedUntil(c.userId, now);
    if (banned !== null) return refuse(c, reqId, { code: 'banned', words: refusals.bannedHere, until: banned });
    if (c.room && c.room !== room) c.room.remove(c);
    if (c.room !== room) room.add(c);
    const role = room.roleOf(c.userId, c.operator);
    // Only the host and moderators catch up: a viewer's rejoin may not make the hub replay the room to it.
    const catchingUp = afterSeq !== undefined && role !== 'Member';
    const complete = catchingUp ? room.followFrom(c, afterSeq) : false;
    // The history (the frame's last key) is the room's one serialization of it, shared by a join wave.
    const head = JSON.stringify({
      type: 'joined',
      ...(reqId ? { reqId } : {}),
      groupId,
      role,
      onlineCount: room.members.size,
      state: room.state(),
      mutedUntil: room.mutedUntil(c.userId, now),
      ...(catchingUp ? { catchUp: { afterSeq, complete } } : {}),
    } satisfies Omit<Extract<ServerFrame, { type: 'joined' }>, 'history'>);
    const history = catchingUp ? EMPTY_HISTORY : room.recentHistoryBytes();
    c.sendWire(wsTextFrameOf([Buffer.from(`${head.slice(0, -1)},"history":`), history, CLOSING_BRACE]));
    // A viewer's socket is written by a fan-out thread from here on, when the hub has them.
    if (this.fanOut && role === 'Member') c.handToFanOut(this.fanOut);
    if (catchingUp) room.pumpCatchUp();
  }

  private runtime(groupId: string): RoomRuntime | undefined {
    let room = this.rooms.get(groupId);
    if (room) return room;
    const info = this.dir.findLiveRoom(groupId);
    if (!info) return undefined;
    room = new RoomRuntime(info, this.options.messagesPerSecond, this.fanOut, this.options.catchUpMemoryBytes);
    this.rooms.set(groupId, room);
    return room;
  }

  private tick(flushMs: number): void {
    this.ticks++;
    const now = Date.now();
    const membersEvery = Math.max(1, Math.round(500 / flushMs));
    const countEvery = Math.max(1, Math.round(1000 / flushMs));
    for (const room of this.rooms.values()) {
      // Large rooms batch over two ticks: half the writes per socket, still well inside a 250 ms budget. Joins and
      // counts go out on a batch's tick (every tenth and twentieth), in the same write as the batch.
      room.flush(now, {
        messages: room.members.size <= 1000 || this.ticks % 2 === 0,
        members: this.ticks % membersEvery === 0,
        count: this.ticks % countEvery === 0,
      });
      room.pumpCatchUp();
      if (this.ticks % countEvery === 0 && room.newViewers.size > 0) {
        this.dir.viewersSeen(room.info.roomId, [...room.newViewers]);
        room.newViewers.clear();
      }
    }
  }

  /**
   * The platform's own room signal (a billed gift, the like total), sent from the system identity to everyone.
   * The member it concerns is named inside the data (`from`), never as the sender.
   */
  announce(groupId: string, elem: Elem, priority: Priority): GroupMessage | undefined {
    const room = this.runtime(groupId);
    return room?.accept(SYSTEM_MEMBER, elem, priority, null, Date.now());
  }

  /** A one-to-one signal from the system identity (PK invitations and links); false when the user is offline. */
  tell(userId: string, payload: CustomPayload): boolean {
    return this.deliverDirect(SYSTEM_MEMBER, userId, payload, Date.now()) !== null;
  }

  private deliverDirect(
    from: { userId: string; nickname: string },
    to: string,
    payload: CustomPayload,
    now: number,
  ): string | null {
    const targets = this.byUser.get(to);
    if (!targets || targets.size === 0) return null;
    const id = `c2c-${++this.c2cSeq}`;
    const message = { id, from: { userId: from.userId, nickname: from.nickname }, to, time: now, payload };
    const frame = encode({ type: 'c2c', message: { ...message, type: 'TIMCustomElem' } });
    for (const t of targets) t.send(frame);
    return id;
  }

  setAdmin(groupId: string, userId: string, admin: boolean, by: string): void {
    this.rooms.get(groupId)?.setAdmin(userId, admin, by);
  }

  /** Counters of a room for its end-of-broadcast stats. */
  counters(groupId: string): { peakViewers: number; messages: number; online: number } {
    const r = this.rooms.get(groupId);
    return { peakViewers: r?.peakViewers ?? 0, messages: r?.deliveredMessages ?? 0, online: r?.members.size ?? 0 };
  }

  /** Whether this user is in the room's chat right now (a viewer who can be asked on video). */
  isMember(groupId: string, userId: string): boolean {
    const r = this.rooms.get(groupId);
    if (!r) return false;
    return r.hasConnectionOf(userId);
  }

  /** Viewers online: the room's members without its host. */
  onlineCount(groupId: string): number {
    return this.rooms.get(groupId)?.viewerCount() ?? 0;
  }

  /** Ends a room: its members are told, then it is forgotten. Returns its counters. */
  endRoom(groupId: string, reason: 'ended' | 'heartbeat_lost'): { peakViewers: number; messages: number } {
    const r = this.rooms.get(groupId);
    if (!r) return { peakViewers: 0, messages: 0 };
    r.flushMessages(Date.now());
    if (r.newViewers.size > 0) this.dir.viewersSeen(r.info.roomId, [...r.newViewers]);
    r.end(reason);
    this.rooms.delete(groupId);
    return { peakViewers: r.peakViewers, messages: r.deliveredMessages };
  }

  close(): Promise<void> {
    clearInterval(this.timer);
    for (const room of this.rooms.values()) room.closeLog();
    for (const ws of this.wss.clients) ws.terminate();
    return new Promise<void>((done) => this.wss.close(() => done())).then(() => this.fanOut?.close());
  }
}
