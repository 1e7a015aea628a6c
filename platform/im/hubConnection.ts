// One socket of the chat hub: who it is, its per-user rate tokens, and how frames reach it without blocking the room.
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import type { RoomRuntime, HubClient } from './roomRuntime';
import { framedOnce } from './wsFrame';

/** A socket whose unsent data passes this is too slow to follow the room and is dropped. */
const SLOW_CLIENT_BYTES = 8 * 1024 * 1024;

export class Connection implements HubClient {
  room: RoomRuntime | null = null;
  tokens: number;
  lastRefill = Date.now();
  private corked = false;

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

  send(frame: Buffer): void {
    if (this.ws.readyState !== 1) return;
    if (this.ws.bufferedAmount > SLOW_CLIENT_BYTES) {
      this.ws.terminate();
      return;
    }
    // Without permessage-deflate (off here) ws writes every frame straight to the socket, in order, so writing
    // a pre-built frame to the same socket keeps the stream valid.
    const socket = (this.ws as unknown as { _socket?: Socket })._socket;
    if (socket && !socket.destroyed) {
      // The answers to one read's frames (a sender's acks) leave in one write, not one system call each.
      if (!this.corked) {
        this.corked = true;
        socket.cork();
        process.nextTick(() => {
          this.corked = false;
          socket.uncork();
        });
      }
      socket.write(framedOnce(frame));
    } else this.ws.send(frame, { binary: false });
  }
}
