// PK links between live rooms: invitations (30 s, cancel, decline), the links themselves (each room to at most
// three others), and their end (by a VJ, by a room's end, or when a linked VJ's feed vanishes). Kept in memory:
// a link lives no longer than both rooms' shows. Every change is told to both hosts one-to-one.
import { randomBytes } from 'node:crypto';
import {
  PK_INVITE_MS,
  PK_MAX_LINKS_PER_ROOM,
  type PkInvite,
  type PkLink,
  type PkParty,
  type PkSignal,
} from '../../common/platformApi/pkSchemas';
import { HttpError } from '../http/router';
import type { RoomRow } from '../storage/roomsRepo';
import { refusals } from '../http/refusals';

/** Invitations waiting for one room's answer: anyone live may invite, so the list is bounded. */
export const MAX_INVITES_WAITING_PER_ROOM = 10;

export type UnlinkReason = 'ended' | 'room_ended' | 'lost';

export interface PkLinksDeps {
  /** The live room with this number, or undefined. */
  liveRoom(roomId: string): RoomRow | undefined;
  /** Where a room's link feed is pulled from. */
  linkFeedPullUrl(room: RoomRow): string;
  tell(userId: string, signal: PkSignal): void;
  /** A link ended: the battle between its rooms is settled. */
  unlinked(roomA: string, roomB: string, reason: UnlinkReason): void;
}

interface Invite extends PkInvite {
  timer: NodeJS.Timeout;
}

interface Link {
  linkId: string;
  rooms: [string, string];
}

export const party = (r: RoomRow): PkParty => ({ roomId: r.roomId, userId: r.ownerId, nickname: r.ownerNickname });

export class PkLinks {
  private readonly invites = new Map<string, Invite>();
  private readonly links = new Map<string, Link>();

  constructor(private readonly d: PkLinksDeps) {}

  invite(from: RoomRow, to: RoomRow): PkInvite {
    if (from.roomId === to.roomId) throw new HttpError(400, 'invalid_input', refusals.pk.self);
    if (this.between(from.roomId, to.roomId) || this.pendingBetween(from.roomId, to.roomId))
      throw new HttpError(409, 'conflict', refusals.pk.alreadyLinked);
    for (const r of [from, to])
      if (this.linksOf(r.roomId).length >= PK_MAX_LINKS_PER_ROOM)
        throw new HttpError(409, 'conflict', refusals.pk.full(PK_MAX_LINKS_PER_ROOM));
    const waiting = [...this.invites.values()].filter((i) => i.to.roomId === to.roomId).length;
    if (waiting >= MAX_INVITES_WAITING_PER_ROOM)
      throw new HttpError(429, 'too_many', refusals.pk.tooManyInvites(MAX_INVITES_WAITING_PER_ROOM));
    const inviteId = randomBytes(8).toString('hex');
    const view: PkInvite = { inviteId, from: party(from), to: party(to), expiresAt: Date.now() + PK_INVITE_MS };
    const timer = setTimeout(() => this.closeInvite(inviteId, 'expired'), PK_INVITE_MS);
    timer.unref();
    this.invites.set(inviteId, { ...view, timer });
    this.d.tell(to.ownerId, { type: 'pk', event: 'invite', invite: view });
    return view;
  }

  /** The invitee accepts: the rooms are linked and both hosts learn where to pull each other. */
  accept(inviteId: string, callerId: string): PkLink {
    const inv = this.requireInvite(inviteId, (i) => i.to.userId === callerId);
    const from = this.d.liveRoom(inv.from.roomId);
    const to = this.d.liveRoom(inv.to.roomId);
    if (!from || !to) {
      this.closeInvite(inviteId, 'expired');
      throw new HttpError(410, 'gone', refusals.pk.notLive);
    }
    this.closeInvite(inviteId, 'accepted');
    const link: Link = { linkId: randomBytes(8).toString('hex'), rooms: [from.roomId, to.roomId] };
    this.links.set(link.linkId, link);
    this.d.tell(from.ownerId, { type: 'pk', event: 'linked', link: this.viewFor(link, from.roomId)! });
    const mine = this.viewFor(link, to.roomId)!;
    this.d.tell(to.ownerId, { type: 'pk', event: 'linked', link: mine });
    return mine;
  }

  decline(inviteId: string, callerId: string): void {
    this.requireInvite(inviteId, (i) => i.to.userId === callerId);
    this.closeInvite(inviteId, 'declined');
  }

  cancel(inviteId: string, callerId: string): void {
    this.requireInvite(inviteId, (i) => i.from.userId === callerId);
    this.closeInvite(inviteId, 'cancelled');
  }

  /** A VJ ends one link (either side may). */
  end(linkId: string, callerRoomId: string): void {
    const link = this.links.get(linkId);
    if (!link || !link.rooms.includes(callerRoomId)) throw new HttpError(404, 'not_found', refusals.pk.noLink);
    this.drop(link, 'ended');
  }

  /** A room ended or its VJ vanished: every link and invitation of it ends, the partners are told. */
  roomGone(roomId: string, reason: Exclude<UnlinkReason, 'ended'>): void {
    for (const i of [...this.invites.values()])
      if (i.from.roomId === roomId || i.to.roomId === roomId)
        this.closeInvite(i.inviteId, i.from.roomId === roomId ? 'cancelled' : 'declined');
    for (const link of this.linksOf(roomId)) this.drop(link, reason);
  }

  /** The links this room is in now. */
  linkIdsOf(roomId: string): string[] {
    return this.linksOf(roomId).map((l) => l.linkId);
  }

  linkIdBetween(roomA: string, roomB: string): string | undefined {
    return this.between(roomA, roomB)?.linkId;
  }

  /** The link with this id as seen from one of its rooms, or undefined. */
  partnerOf(linkId: string, roomId: string): string | undefined {
    const link = this.links.get(linkId);
    if (!link || !link.rooms.includes(roomId)) return undefined;
    return link.rooms[0] === roomId ? link.rooms[1] : link.rooms[0];
  }

  stateOf(roomId: string): { invitesIn: PkInvite[]; invitesOut: PkInvite[]; links: PkLink[] } {
    const strip = ({ timer: _timer, ...v }: Invite): PkInvite => v;
    const all = [...this.invites.values()];
    return {
      invitesIn: all.filter((i) => i.to.roomId === roomId).map(strip),
      invitesOut: all.filter((i) => i.from.roomId === roomId).map(strip),
      links: this.linksOf(roomId).flatMap((l) => this.viewFor(l, roomId) ?? []),
    };
  }

  close(): void {
    for (const i of this.invites.values()) clearTimeout(i.timer);
    this.invites.clear();
    this.links.clear();
  }

  private drop(link: Link, reason: UnlinkReason): void {
    if (!this.links.delete(link.linkId)) return;
    const [a, b] = link.rooms;
    for (const [mine, other] of [
      [a, b],
      [b, a],
    ] as const) {
      const me = this.d.liveRoom(mine);
      const partner = this.d.liveRoom(other);
      if (me && partner)
        this.d.tell(me.ownerId, {
          type: 'pk',
          event: 'unlinked',
          linkId: link.linkId,
          partner: party(partner),
          reason,
        });
      else if (me) this.d.tell(me.ownerId, this.unlinkedFromGone(link.linkId, other, reason));
    }
    this.d.unlinked(a, b, reason);
  }

  private unlinkedFromGone(linkId: string, roomId: string, reason: UnlinkReason): PkSignal {
    return { type: 'pk', event: 'unlinked', linkId, partner: { roomId, userId: '', nickname: '' }, reason };
  }

  private viewFor(link: Link, roomId: string): PkLink | undefined {
    const other = this.d.liveRoom(link.rooms[0] === roomId ? link.rooms[1] : link.rooms[0]);
    return other && { linkId: link.linkId, partner: party(other), partnerPullUrl: this.d.linkFeedPullUrl(other) };
  }

  private linksOf(roomId: string): Link[] {
    return [...this.links.values()].filter((l) => l.rooms.includes(roomId));
  }

  private between(a: string, b: string): Link | undefined {
    return this.linksOf(a).find((l) => l.rooms.includes(b));
  }

  private pendingBetween(a: string, b: string): boolean {
    for (const i of this.invites.values()) {
      const pair = [i.from.roomId, i.to.roomId];
      if (pair.includes(a) && pair.includes(b)) return true;
    }
    return false;
  }

  private requireInvite(inviteId: string, mayAnswer: (i: Invite) => boolean): Invite {
    const inv = this.invites.get(inviteId);
    if (!inv) throw new HttpError(404, 'not_found', refusals.pk.noInvite);
    if (!mayAnswer(inv)) throw new HttpError(403, 'forbidden', refusals.pk.notYourRoom);
    return inv;
  }

  private closeInvite(inviteId: string, outcome: 'accepted' | 'declined' | 'cancelled' | 'expired'): void {
    const inv = this.invites.get(inviteId);
    if (!inv) return;
    clearTimeout(inv.timer);
    this.invites.delete(inviteId);
    for (const userId of [inv.from.userId, inv.to.userId])
      this.d.tell(userId, { type: 'pk', event: 'inviteEnded', inviteId, outcome });
  }
}
