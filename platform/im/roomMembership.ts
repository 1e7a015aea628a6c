// Who is in one live room: its connections, counted per person (the host's studio joins on two), the joins and
// leaves not yet announced, the viewers not yet reported, and the peak.
import type { Member, ServerFrame } from '../../common/chatHub/protocol';
import type { CatchUpReader } from './catchUp';
import type { FanOutSeat } from './fanOutThreads';
import type { RoomRuntime } from './roomRuntime';

/** A connected socket as the room sees it: sends prepared frames, never re-serializes them. */
export interface HubClient extends CatchUpReader {
  readonly id: number;
  readonly userId: string;
  readonly nickname: string;
  readonly operator: boolean;
  room: RoomRuntime | null;
  /** Set when a fan-out thread writes this socket: room-wide writes then reach it through the threads. */
  readonly seat?: FanOutSeat | null;
  send(frame: Buffer): void;
  /** Writes bytes already framed for the wire (one tick's frames for the whole room, framed once). */
  sendWire(bytes: Buffer): void;
}

/** The most joins (and leaves) one members frame names; its totals still count them all. */
const MEMBER_LIST_CAP = 20;

export class RoomMembership {
  readonly connections = new Set<HubClient>();
  /** Connections per user in the room, so a join, a leave and the viewer count cost O(1), not a walk over everyone. */
  private readonly connectionsOf = new Map<string, number>();
  private joined: Member[] = [];
  private left: Member[] = [];
  /** The people whose join the next members frame announces. */
  private readonly unannounced = new Set<string>();
  private joinedTotal = 0;
  private leftTotal = 0;
  private lastCountSent = -1;
  /** Viewers who joined since the platform last read them (for the room's unique viewers). */
  readonly newViewers = new Set<string>();
  peakViewers = 0;

  constructor(
    private readonly ownerId: string,
    private readonly memberOf: (c: HubClient) => Member,
  ) {}

  /** Takes a connection in; false when it was in already. */
  add(c: HubClient): boolean {
    // A person is announced once however many connections they hold (the studio's chat and its figures
    // both join as the host): only their first connection is a join, and only their last one a leave.
    if (this.connections.has(c)) return false;
    const alreadyHere = this.hasConnectionOf(c.userId);
    this.connections.add(c);
    this.connectionsOf.set(c.userId, (this.connectionsOf.get(c.userId) ?? 0) + 1);
    if (!alreadyHere) {
      this.unannounced.add(c.userId);
      this.joined.push(this.memberOf(c));
      if (this.joined.length > MEMBER_LIST_CAP) this.joined.shift();
      this.joinedTotal++;
    }
    // The host (on any number of connections: the studio's chat, its figures) is not a viewer.
    if (c.userId !== this.ownerId) this.newViewers.add(c.userId);
    const viewers = this.viewerCount();
    if (viewers > this.peakViewers) this.peakViewers = viewers;
    return true;
  }

  /** Lets a connection go; false when it was not in. */
  remove(c: HubClient): boolean {
    if (!this.connections.delete(c)) return false;
    const left = (this.connectionsOf.get(c.userId) ?? 1) - 1;
    if (left > 0) this.connectionsOf.set(c.userId, left);
    else this.connectionsOf.delete(c.userId);
    if (this.hasConnectionOf(c.userId)) return true;
    this.unannounced.delete(c.userId);
    this.left.push(this.memberOf(c));
    if (this.left.length > MEMBER_LIST_CAP) this.left.shift();
    this.leftTotal++;
    return true;
  }

  /** Whether this connection's person's join is still waiting for the next members frame. */
  joinUnannounced(c: HubClient): boolean {
    return this.unannounced.has(c.userId);
  }

  hasConnectionOf(userId: string): boolean {
    return this.connectionsOf.has(userId);
  }

  /** Members other than the host: what the live list and the end stats call viewers. */
  viewerCount(): number {
    return this.connections.size - (this.connectionsOf.get(this.ownerId) ?? 0);
  }

  /** The joins and leaves since the last call, as the members frame; null when nobody came or went. */
  takeMembersFrame(groupId: string): ServerFrame | null {
    if (this.joinedTotal === 0 && this.leftTotal === 0) return null;
    const { joined, left, joinedTotal, leftTotal } = this;
    this.unannounced.clear();
    this.joined = [];
    this.left = [];
    this.joinedTotal = 0;
    this.leftTotal = 0;
    return { type: 'members', groupId, joined, left, joinedTotal, leftTotal };
  }

  /** The online count when it changed since the last call; null when it did not. */
  takeCountChange(): number | null {
    if (this.connections.size === this.lastCountSent) return null;
    this.lastCountSent = this.connections.size;
    return this.lastCountSent;
  }

  clear(): void {
    this.unannounced.clear();
    this.connections.clear();
    this.connectionsOf.clear();
  }
}
