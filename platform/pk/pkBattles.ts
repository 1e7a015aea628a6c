// PK battles between two linked rooms: proposal (30 s to accept), the window, settlement (time up, a VJ ends it,
// the link or a room ends, a VJ's feed vanishes: scores as billed up to that moment, the higher wins, equal is a
// draw), and the battle signal to both rooms. Scores are credited by the gift debit's own transaction
// (GiftOrdersRepo); this service only announces them, coalesced, from the records.
import { PK_INVITE_MS, type PkBattle, type PkEndReason, type PkSignal } from '../../common/platformApi/pkSchemas';
import { HttpError } from '../http/router';
import type { AccountRow } from '../storage/accountsRepo';
import type { PkBattlesRepo } from '../storage/pkBattlesRepo';
import type { RoomRow } from '../storage/roomsRepo';
import type { UnlinkReason } from './pkLinks';
import { refusals } from '../http/refusals';

/** Scores go out at most this often per battle (every gift is in the next one; the final one is exact). */
const SCORE_ANNOUNCE_MS = 250;

export interface PkBattlesDeps {
  repo: PkBattlesRepo;
  liveRoom(roomId: string): RoomRow | undefined;
  /** The room linked to this one by this link, or undefined. */
  partnerOf(linkId: string, roomId: string): string | undefined;
  tell(userId: string, signal: PkSignal): void;
  /** A signal to a room's chat from the platform's system identity. */
  announce(room: RoomRow, signal: PkSignal): void;
}

export class PkBattles {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly scoreTimers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly d: PkBattlesDeps) {
    // Battles a restart interrupted: settle those whose time ran out, keep the others' clocks.
    for (const b of d.repo.running()) this.schedule(b.battleId, (b.endsAt ?? 0) - Date.now());
  }

  propose(room: RoomRow, caller: AccountRow, linkId: string, durationSec: number): PkBattle {
    if (room.ownerId !== caller.userId) throw new HttpError(403, 'forbidden', refusals.pk.notYourRoom);
    const partnerId = this.d.partnerOf(linkId, room.roomId);
    const partner = partnerId ? this.d.liveRoom(partnerId) : undefined;
    if (!partner) throw new HttpError(404, 'not_found', refusals.pk.noLink);
    if (this.d.repo.openFor(room.roomId) || this.d.repo.openFor(partner.roomId))
      throw new HttpError(409, 'conflict', refusals.pk.battleOpen);
    const battleId = this.d.repo.propose(room.roomId, partner.roomId, durationSec, Date.now());
    this.arm(battleId, PK_INVITE_MS, () => {
      if (this.d.repo.close(battleId, 'expired')) this.tellHosts(battleId);
    });
    this.tellHosts(battleId);
    return this.view(battleId);
  }

  accept(battleId: string, caller: AccountRow): PkBattle {
    const row = this.requireHostOf(battleId, caller, 'b');
    if (row.status !== 'proposed' || !this.d.repo.start(battleId, Date.now()))
      throw new HttpError(409, 'conflict', refusals.pk.noBattle);
    const started = this.view(battleId);
    this.schedule(battleId, started.durationSec * 1000);
    this.announce(battleId);
    return started;
  }

  decline(battleId: string, caller: AccountRow): PkBattle {
    this.requireHostOf(battleId, caller, 'b');
    if (!this.d.repo.close(battleId, 'declined')) throw new HttpError(409, 'conflict', refusals.pk.noBattle);
    this.disarm(battleId);
    this.tellHosts(battleId);
    return this.view(battleId);
  }

  /** Either VJ ends the battle now: settled by the rule on the scores billed so far. */
  end(battleId: string, caller: AccountRow): PkBattle {
    this.requireHostOf(battleId, caller, 'either');
    if (!this.settle(battleId, 'ended')) throw new HttpError(409, 'conflict', refusals.pk.battleNotRunning);
    return this.view(battleId);
  }

  /** A link ended: the battle between its rooms (if any) is withdrawn or settled. */
  unlinked(roomA: string, roomB: string, reason: UnlinkReason): void {
    const open = this.d.repo.openFor(roomA);
    if (!open || ![open.roomA, open.roomB].includes(roomB)) return;
    if (open.status === 'proposed') {
      if (this.d.repo.close(open.battleId, 'expired')) this.tellHosts(open.battleId);
      this.disarm(open.battleId);
      return;
    }
    this.settle(open.battleId, reason === 'ended' ? 'unlinked' : reason);
  }

  /** A gift was credited to this battle in its billing transaction: the scores go out shortly. */
  credited(battleId: string): void {
    if (this.scoreTimers.has(battleId)) return;
    const t = setTimeout(() => {
      this.scoreTimers.delete(battleId);
      if (this.d.repo.row(battleId)?.status === 'running') this.announce(battleId);
    }, SCORE_ANNOUNCE_MS);
    t.unref();
    this.scoreTimers.set(battleId, t);
  }

  view(battleId: string): PkBattle {
    const v = this.d.repo.view(battleId);
    if (!v) throw new HttpError(404, 'not_found', refusals.pk.noBattle);
    return v;
  }

  close(): void {
    for (const t of [...this.timers.values(), ...this.scoreTimers.values()]) clearTimeout(t);
    this.timers.clear();
    this.scoreTimers.clear();
  }

  private settle(battleId: string, reason: PkEndReason): boolean {
    if (!this.d.repo.settle(battleId, reason, Date.now())) return false;
    this.disarm(battleId);
    clearTimeout(this.scoreTimers.get(battleId));
    this.scoreTimers.delete(battleId);
    this.announce(battleId);
    return true;
  }

  private schedule(battleId: string, inMs: number): void {
    this.arm(battleId, Math.max(0, inMs), () => this.settle(battleId, 'time'));
  }

  private arm(battleId: string, inMs: number, run: () => void): void {
    this.disarm(battleId);
    const t = setTimeout(() => {
      this.timers.delete(battleId);
      run();
    }, inMs);
    t.unref();
    this.timers.set(battleId, t);
  }

  private disarm(battleId: string): void {
    clearTimeout(this.timers.get(battleId));
    this.timers.delete(battleId);
  }

  private requireHostOf(battleId: string, caller: AccountRow, side: 'b' | 'either') {
    const row = this.d.repo.row(battleId);
    if (!row) throw new HttpError(404, 'not_found', refusals.pk.noBattle);
    const battle = this.view(battleId);
    const hosts = side === 'b' ? [battle.b.userId] : [battle.a.userId, battle.b.userId];
    if (!hosts.includes(caller.userId)) throw new HttpError(403, 'forbidden', refusals.pk.notInBattle);
    return row;
  }

  /** Proposals and answers concern the two hosts only. */
  private tellHosts(battleId: string): void {
    const battle = this.view(battleId);
    for (const side of [battle.a, battle.b]) this.d.tell(side.userId, { type: 'pk', event: 'battle', battle });
  }

  /** The battle as it stands, to both rooms (their viewers, studios and chats) and to both hosts. */
  private announce(battleId: string): void {
    const battle = this.view(battleId);
    for (const side of [battle.a, battle.b]) {
      const room = this.d.liveRoom(side.roomId);
      if (room) this.d.announce(room, { type: 'pk', event: 'battle', battle });
    }
  }
}
