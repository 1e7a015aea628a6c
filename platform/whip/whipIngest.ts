// The platform's WHIP ingest (RFC 9725) for co-host guests: which viewers a host has put on video (grants),
// and the live sessions they publish, each bridged into the platform's own RTMP ingest as the guest's stream.
// Only a granted viewer, signed in as themselves, may publish; a room holds a bounded number of sessions.
import { randomUUID } from 'node:crypto';
import { HttpError } from '../http/router';
import { refusals } from '../http/refusals';
import { answerOrRefuse } from './offerAnswer';
import { RoomGrants } from './roomGrants';
import { WhipSession } from './whipSession';

export { MAX_GRANTS_PER_ROOM } from './roomGrants';

/** Guests publishing at once in one room (the studio composites at most 3; one spare for a rejoin). */
export const MAX_WHIP_SESSIONS_PER_ROOM = 4;

export interface WhipGrant {
  roomId: string;
  userId: string;
  /** The signed RTMP publish URL of the guest's stream on this platform's ingest. */
  publishUrl: string;
}

/** Why a guest's earlier session is ended before a new one: the host put them on video again, or they republished. */
export type ReleaseReason = 'putOnVideoAgain' | 'republished';

const RELEASE_WORDS: Record<ReleaseReason, string> = {
  putOnVideoAgain: 'The guest was put on video again.',
  republished: 'The guest published again (a rejoin).',
};

interface Live {
  id: string;
  roomId: string;
  userId: string;
  session: WhipSession;
}

export interface WhipIngestOptions {
  ffmpegPath: string;
  log?: (line: string) => void;
}

export class WhipIngest {
  private readonly grants = new RoomGrants<WhipGrant>();
  private readonly sessions = new Map<string, Live>();
  /** Sessions still closing, by room and guest: a rejoin waits for the old bridge to let go of the stream. */
  private readonly closing = new Map<string, Promise<void>>();

  constructor(private readonly o: WhipIngestOptions) {}

  /** The host asked for this viewer's guest stream: they may now publish to it. */
  grant(g: WhipGrant): void {
    this.grants.set(g.roomId, g.userId, g);
  }

  /** A granted guest's offer: answers it and starts the bridge. A guest's earlier session is replaced (rejoin). */
  async publish(roomId: string, userId: string, offerSdp: string): Promise<{ id: string; answer: string }> {
    const grant = this.grants.get(roomId, userId);
    if (!grant) throw new HttpError(403, 'forbidden', refusals.whipNotInvited);
    await this.release(roomId, userId, 'republished');
    const inRoom = [...this.sessions.values()].filter((s) => s.roomId === roomId).length;
    if (inRoom >= MAX_WHIP_SESSIONS_PER_ROOM)
      throw new HttpError(429, 'too_many', refusals.whipRoomFull(MAX_WHIP_SESSIONS_PER_ROOM));
    const session = new WhipSession({ ffmpegPath: this.o.ffmpegPath, publishUrl: grant.publishUrl, log: this.o.log });
    const id = randomUUID();
    const answer = await answerOrRefuse(session, offerSdp);
    this.sessions.set(id, { id, roomId, userId, session });
    session.on('closed', (why) => {
      this.sessions.delete(id);
      this.o.log?.(`whip: ${userId} in room ${roomId} stopped publishing: ${why}`);
    });
    this.o.log?.(`whip: ${userId} publishes in room ${roomId}`);
    return { id, answer };
  }

  /**
   * The host puts this viewer on video anew, or the guest publishes anew: a session of theirs still publishing or
   * closing is over once this resolves (its bridge gone, its stream ended on the ingest). `why` is what happened,
   * for the log line of the session that ends.
   */
  async release(roomId: string, userId: string, why: ReleaseReason): Promise<void> {
    for (const s of [...this.sessions.values()])
      if (s.roomId === roomId && s.userId === userId) await this.end(s.id, RELEASE_WORDS[why]);
    await this.closing.get(guestKey(roomId, userId));
  }

  /** DELETE of a session: only by the guest who owns it. */
  async leave(roomId: string, userId: string, id: string): Promise<void> {
    const s = this.sessions.get(id);
    if (!s || s.roomId !== roomId || s.userId !== userId) throw new HttpError(404, 'not_found', refusals.whipNoSession);
    await this.end(id, 'The guest left.');
  }

  /** The room ended: every guest stops and no grant survives. */
  async endRoom(roomId: string): Promise<void> {
    this.grants.endRoom(roomId);
    for (const s of [...this.sessions.values()]) if (s.roomId === roomId) await this.end(s.id, 'The show ended.');
  }

  sessionCount(roomId: string): number {
    return [...this.sessions.values()].filter((s) => s.roomId === roomId).length;
  }

  grantCount(roomId: string): number {
    return this.grants.count(roomId);
  }

  async close(): Promise<void> {
    for (const id of [...this.sessions.keys()]) await this.end(id, 'The platform is stopping.');
    this.grants.clear();
  }

  private async end(id: string, why: string): Promise<void> {
    const s = this.sessions.get(id);
    if (!s) return;
    this.sessions.delete(id);
    const key = guestKey(s.roomId, s.userId);
    const closed = s.session.close(why);
    this.closing.set(key, closed);
    await closed;
    if (this.closing.get(key) === closed) this.closing.delete(key);
  }
}

function guestKey(roomId: string, userId: string): string {
  return `${roomId}\n${userId}`;
}
