// One socket of the chat hub: who it is, its per-user rate tokens, and how frames reach it without blocking the room.
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import type { RoomRuntime, HubClient } from './roomRuntime';
import { framedOnce } from './wsFrame';

/** A socket whose unsent data passes this is too slow to follow the room and is dropped. */
const SLOW_CLIENT_BYTES = 8 * 1024 * 1024;

/** Holds a socket's writes until the end of this tick, so what one read answers leaves in one system call. */
export function holdWritesThisTick(socket: Socket, released?: () => void): void {
  socket.cork();
  process.nextTick(() => {
    released?.();
    socket.uncork();
  });
}

export class Connection implements HubClient {
  room: RoomRuntime | null = null;
  tokens: number;
  lastRefill = Date.now();
  private holding = false;

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

  /** What the socket holds unsent (the frames written to it straight count too). */
  get unsentBytes(): number {
    return this.ws.bufferedAmount;
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
    if (this.holding || !socket || socket.destroyed) return;
    this.holding = true;
    holdWritesThisTick(socket, () => (this.holding = false));
  }
}
