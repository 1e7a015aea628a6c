// The platform's WHEP egress for return feeds: a guest the host put on video watches the show's return feed
// made for them (the program with their mix-minus) over WebRTC, and nobody else does. A guest has one session
// at a time (a new one replaces the old: a rejoin) and a room a bounded number.
import { randomUUID } from 'node:crypto';
import { HttpError } from '../http/router';
import { refusals } from '../http/refusals';
import { answerOrRefuse } from '../whip/offerAnswer';
import { RoomGrants } from '../whip/roomGrants';
import { WhepSession } from './whepSession';

/** Guests watching their return feed at once in one room (as many as may publish). */
export const MAX_WHEP_SESSIONS_PER_ROOM = 4;

export interface WhepGrant {
  /** The return feed on this platform's ingest, signed: what the relay plays. */
  playUrl: string;
  /** Its stream name, to know whether it is live. */
  streamName: string;
}

interface Watching {
  id: string;
  roomId: string;
  userId: string;
  session: WhepSession;
}

export interface WhepEgressOptions {
  ffmpegPath: string;
  isLive: (streamName: string) => boolean;
  log?: (line: string) => void;
}

export class WhepEgress {
  private readonly grants = new RoomGrants<WhepGrant>();
  private readonly sessions = new Map<string, Watching>();

  constructor(private readonly o: WhepEgressOptions) {}

  /** The host put this viewer on video: they may watch their return feed. */
  grant(roomId: string, userId: string, g: WhepGrant): void {
    this.grants.set(roomId, userId, g);
  }

  /** A granted guest's offer: answered, and their feed relayed to them once it is live. */
  async watch(roomId: string, userId: string, offerSdp: string): Promise<{ id: string; answer: string }> {
    const grant = this.grants.get(roomId, userId);
    if (!grant) throw new HttpError(403, 'forbidden', refusals.whipNotInvited);
    for (const s of this.sessions.values())
      if (s.roomId === roomId && s.userId === userId) await this.end(s.id, 'The guest opened the feed again.');
    if (this.sessionCount(roomId) >= MAX_WHEP_SESSIONS_PER_ROOM)
      throw new HttpError(429, 'too_many', refusals.whepRoomFull(MAX_WHEP_SESSIONS_PER_ROOM));
    const session = new WhepSession({
      ffmpegPath: this.o.ffmpegPath,
      playUrl: grant.playUrl,
      isLive: () => this.o.isLive(grant.streamName),
      log: this.o.log,
    });
    const answer = await answerOrRefuse(session, offerSdp);
    const id = randomUUID();
    this.sessions.set(id, { id, roomId, userId, session });
    session.on('closed', (why) => {
      this.sessions.delete(id);
      this.o.log?.(`whep: ${userId} in room ${roomId} stopped watching: ${why}`);
    });
    return { id, answer };
  }

  /** DELETE of a session: only by the guest who owns it. */
  async leave(roomId: string, userId: string, id: string): Promise<void> {
    const s = this.sessions.get(id);
    if (!s || s.roomId !== roomId || s.userId !== userId) throw new HttpError(404, 'not_found', refusals.whipNoSession);
    await this.end(id, 'The guest closed the feed.');
  }

  session(id: string): WhepSession | undefined {
    return this.sessions.get(id)?.session;
  }

  sessionCount(roomId: string): number {
    return [...this.sessions.values()].filter((s) => s.roomId === roomId).length;
  }

  async endRoom(roomId: string): Promise<void> {
    this.grants.endRoom(roomId);
    for (const s of [...this.sessions.values()]) if (s.roomId === roomId) await this.end(s.id, 'The show ended.');
  }

  async close(): Promise<void> {
    for (const id of [...this.sessions.keys()]) await this.end(id, 'The platform is stopping.');
    this.grants.clear();
  }

  private async end(id: string, why: string): Promise<void> {
    const s = this.sessions.get(id);
    if (!s) return;
    this.sessions.delete(id);
    await s.session.close(why);
  }
}
