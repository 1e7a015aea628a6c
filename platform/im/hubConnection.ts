// One socket of the chat hub: who it is, its per-user rate tokens, and how frames reach it without blocking the room
// (straight from the hub's thread, or through a fan-out thread once one writes it).
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import type { FanOutSeat, FanOutThreads } from './fanOutThreads';
import type { RoomRuntime, HubClient } from './roomRuntime';
import { framedOnce } from './wsFrame';

/** A socket whose unsent data passes this is too slow to follow the room and is dropped. */
const SLOW_CLIENT_BYTES = 8 * 1024 * 1024;

/**
 * Holds a socket's writes until the end of this tick, so what one read answers leaves in one system call. `released`
 * runs just before they leave, `after` just after.
 */
export function holdWritesThisTick(socket: Socket, released?: () => void, after?: () => void): void {
  socket.cork();
  process.nextTick(() => {
    released?.();
    socket.uncork();
    after?.();
  });
}

export class Connection implements HubClient {
  private inRoom: RoomRuntime | null = null;
  tokens: number;
  lastRefill = Date.now();
  private holding = false;
  /** What waits for this tick's held writes to leave (a hand-over to a fan-out thread). */
  private afterHold: (() => void) | null = null;
  /** The fan-out thread writing this socket, once one does: every byte to it then goes through that thread. */
  private fanOut: { threads: FanOutThreads; seat: FanOutSeat } | null = null;

  constructor(
    readonly id: number,
    readonly userId: string,
    readonly nickname: string,
    readonly operator: boolean,
    readonly ws: WebSocket,
    burst: number,
  ) {
    this.tokens = burst;
  }

  get room(): RoomRuntime | null {
    return this.inRoom;
  }

  set room(room: RoomRuntime | null) {
    if (room === this.inRoom) return;
    this.inRoom = room;
    this.fanOut?.threads.place(this.fanOut.seat, room?.groupId ?? null);
  }

  /** Where a fan-out thread writes this socket (its room's writes skip it and name the room to the threads). */
  get seat(): FanOutSeat | null {
    return this.fanOut?.seat ?? null;
  }

  /** What the socket holds unsent (the frames written to it straight count too). */
  get unsentBytes(): number {
    return this.fanOut ? this.fanOut.threads.unsent(this.fanOut.seat) : this.ws.bufferedAmount;
  }

  private get socket(): Socket | undefined {
    // Without permessage-deflate (off here) ws writes every frame straight to the socket, in order, so writing
    // pre-built frames to the same socket keeps the stream valid.
    return (this.ws as unknown as { _socket?: Socket })._socket;
  }

  send(frame: Buffer): void {
    this.sendWire(framedOnce(frame));
  }

  /**
   * Writes bytes already framed for the wire (a room's frames of one tick, framed once for everyone). A room's
   * fan-out is one write per socket, straight to it: no cork, no deferred flush to pay for on every member.
   */
  sendWire(bytes: Buffer): void {
    if (this.ws.readyState !== 1) return;
    if (this.fanOut) return this.fanOut.threads.to(this.fanOut.seat, bytes);
    if (this.ws.bufferedAmount > SLOW_CLIENT_BYTES) {
      this.ws.terminate();
      return;
    }
    const socket = this.socket;
    if (socket && !socket.destroyed) socket.write(bytes);
  }

  /** The answers to one read's frames (a sender's acks) leave in one write, not one system call each. */
  holdWrites(): void {
    const socket = this.socket;
    if (this.holding || this.fanOut || !socket || socket.destroyed) return;
    this.holding = true;
    holdWritesThisTick(
      socket,
      () => (this.holding = false),
      () => {
        const after = this.afterHold;
        this.afterHold = null;
        after?.();
      },
    );
  }

  /**
   * Hands this socket's writes to a fan-out thread once what the hub's thread wrote to it has left (so the thread's
   * bytes follow them). Its descriptor is retired from the thread before it closes.
   */
  handToFanOut(threads: FanOutThreads): void {
    const socket = this.socket;
    if (this.fanOut || !socket || socket.destroyed || this.ws.readyState !== 1) return;
    // Held until this tick's end (the joined answer): handed over as soon as it has left, without a timer.
    if (this.holding && socket.writableCorked > 0) {
      this.afterHold = () => this.handToFanOut(threads);
      return;
    }
    // Held by someone else, or not all taken by the socket yet: try again after.
    if (socket.writableCorked > 0 || socket.writableLength > 0) {
      if (socket.writableNeedDrain) socket.once('drain', () => this.handToFanOut(threads));
      else setTimeout(() => this.handToFanOut(threads), socket.writableCorked > 0 ? 0 : 20);
      return;
    }
    const written: ((err?: Error) => void)[] = [];
    const seat = threads.adopt(socket, this.inRoom?.groupId ?? null, (reason, count) => {
      if (reason !== 'written') return this.ws.terminate();
      for (const done of written.splice(0, count)) done();
    });
    if (!seat) return;
    this.fanOut = { threads, seat };
    // What ws itself writes (the pong to a viewer's ping, a close frame) goes through the thread too, behind what
    // the thread holds for the socket: written straight, it could land inside a frame the thread is part-way
    // through. Its callback (a pong counted as sent, a close frame's end of the socket) runs once the socket has
    // taken it. ws stops at 60 unanswered pings, so `written` stays short.
    const sender = (this.ws as unknown as { _sender: { sendFrame(list: Buffer[], cb?: (err?: Error) => void): void } })
      ._sender;
    sender.sendFrame = (list, cb) => {
      threads.to(seat, Buffer.concat(list), true);
      written.push(cb ?? (() => {}));
    };
    const handle = (socket as unknown as { _handle: { close: (cb?: () => void) => unknown } })._handle;
    const close = handle.close;
    handle.close = (cb) => {
      threads.retire(seat);
      return close.call(handle, cb);
    };
    socket.once('close', () => threads.release(seat));
  }
}
