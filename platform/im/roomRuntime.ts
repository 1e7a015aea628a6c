// One live room's chat state in memory: members and roles, frequency control, fan-out, history, moderation.
import { refusals, type Words } from '../http/refusals';
import type {
  Elem,
  GroupMessage,
  ImErrorCode,
  Member,
  Priority,
  Role,
  RoomState,
  ServerFrame,
} from '../../common/chatHub/protocol';
import { DEFAULT_GROUP_MESSAGES_PER_SECOND } from '../../common/chatHub/protocol';
import { CATCH_UP_WINDOW_BYTES, CatchUpLog, type CatchUpReader } from './catchUp';
import { MessageBudget } from './messageBudget';
import { RoomHistory } from './roomHistory';
import { SlowModeSpeakers } from './slowModeSpeakers';
import { findBlockedWord, normalizeBlockedWords } from './textGuard';

/** A connected socket as the room sees it: sends a prepared frame, never re-serializes it. */
export interface HubClient extends CatchUpReader {
  readonly id: number;
  readonly userId: string;
  readonly nickname: string;
  readonly operator: boolean;
  room: RoomRuntime | null;
  send(frame: Buffer): void;
}

export interface Refusal {
  code: ImErrorCode;
  /** The error frame's message (en) and its Simplified Chinese (zh). */
  words: Words;
  tencentCode?: number;
  until?: number;
}

export interface RoomInfo {
  roomId: string;
  groupId: string;
  ownerId: string;
  admins: readonly string[];
}

const ROLE_RANK: Record<Role, number> = { Owner: 2, Admin: 1, Member: 0 };
const MEMBER_LIST_CAP = 20;

export function encode(frame: ServerFrame): Buffer {
  return Buffer.from(JSON.stringify(frame));
}

interface Pending {
  msg: GroupMessage;
  /** The connection that sent it, which gets an ack instead of the message; null for server-injected ones. */
  from: HubClient | null;
}

export class RoomRuntime {
  readonly members = new Set<HubClient>();
  /** Connections per user in the room, so a join, a leave and the viewer count cost O(1), not a walk over everyone. */
  private readonly connectionsOf = new Map<string, number>();
  readonly admins: Set<string>;
  readonly mutes = new Map<string, number>();
  readonly bans = new Map<string, number>();
  muteAll = false;
  slowModeSeconds = 0;
  blockedWords: string[] = [];
  private readonly speakers = new SlowModeSpeakers();
  private seq = 0;
  private readonly history = new RoomHistory();
  private pending: Pending[] = [];
  private readonly budget: MessageBudget;
  /** The last delivered message's seq, and what the host and moderators missed while away, by seq. */
  private deliveredSeq = 0;
  private readonly catchUp = new CatchUpLog();
  private joined: Member[] = [];
  private left: Member[] = [];
  private joinedTotal = 0;
  private leftTotal = 0;
  private lastCountSent = -1;
  readonly newViewers = new Set<string>();
  peakViewers = 0;
  deliveredMessages = 0;
  droppedMessages = 0;

  constructor(
    readonly info: RoomInfo,
    private readonly messagesPerSecond = DEFAULT_GROUP_MESSAGES_PER_SECOND,
  ) {
    this.admins = new Set(info.admins);
    this.budget = new MessageBudget(messagesPerSecond);
  }

  get groupId(): string {
    return this.info.groupId;
  }

  roleOf(userId: string, operator = false): Role {
    if (userId === this.info.ownerId) return 'Owner';
    if (operator || this.admins.has(userId)) return 'Admin';
    return 'Member';
  }

  memberOf(c: HubClient): Member {
    return { userId: c.userId, nickname: c.nickname, role: this.roleOf(c.userId, c.operator) };
  }

  state(): RoomState {
    return {
      muteAll: this.muteAll,
      slowModeSeconds: this.slowModeSeconds,
      blockedWordsCount: this.blockedWords.length,
    };
  }

  mutedUntil(userId: string, now = Date.now()): number | null {
    const until = this.mutes.get(userId);
    return until !== undefined && until > now ? until : null;
  }

  bannedUntil(userId: string, now = Date.now()): number | null {
    const until = this.bans.get(userId);
    return until !== undefined && until > now ? until : null;
  }

  recentHistory(): GroupMessage[] {
    return this.history.list();
  }

  /** The recent history as JSON, serialized once however many join before the next message. */
  recentHistoryJson(): string {
    return this.history.serialized();
  }

  add(c: HubClient): void {
    // A person is announced once however many connections they hold (the studio's chat and its figures
    // both join as the host): only their first connection is a join, and only their last one a leave.
    if (this.members.has(c)) return;
    const alreadyHere = this.hasConnectionOf(c.userId);
    this.members.add(c);
    this.connectionsOf.set(c.userId, (this.connectionsOf.get(c.userId) ?? 0) + 1);
    c.room = this;
    if (!alreadyHere) {
      this.joined.push(this.memberOf(c));
      if (this.joined.length > MEMBER_LIST_CAP) this.joined.shift();
      this.joinedTotal++;
    }
    // The host (on any number of connections: the studio's chat, its figures) is not a viewer.
    if (c.userId !== this.info.ownerId) this.newViewers.add(c.userId);
    const viewers = this.viewerCount();
    if (viewers > this.peakViewers) this.peakViewers = viewers;
  }

  hasConnectionOf(userId: string): boolean {
    return this.connectionsOf.has(userId);
  }

  /** Members other than the host: what the live list and the end stats call viewers. */
  viewerCount(): number {
    return this.members.size - (this.connectionsOf.get(this.info.ownerId) ?? 0);
  }

  remove(c: HubClient): void {
    if (!this.members.delete(c)) return;
    this.catchUp.forget(c);
    const left = (this.connectionsOf.get(c.userId) ?? 1) - 1;
    if (left > 0) this.connectionsOf.set(c.userId, left);
    else this.connectionsOf.delete(c.userId);
    c.room = null;
    if (this.hasConnectionOf(c.userId)) return;
    this.left.push(this.memberOf(c));
    if (this.left.length > MEMBER_LIST_CAP) this.left.shift();
    this.leftTotal++;
  }

  /** Checks whether this member may send now (mute, mute-all, slow mode, blocked words). */
  checkSend(c: HubClient, elem: Elem, now: number): Refusal | null {
    const role = this.roleOf(c.userId, c.operator);
    if (role === 'Member') {
      const muted = this.mutedUntil(c.userId, now);
      if (muted !== null) return { code: 'muted', words: refusals.mutedHere, tencentCode: 10017, until: muted };
      if (this.muteAll) return { code: 'muted', words: refusals.roomMuted, tencentCode: 10017 };
      const until = this.slowModeSeconds > 0 ? this.speakers.waitUntil(c.userId, this.slowModeSeconds, now) : null;
      if (until !== null) return { code: 'slow_mode', words: refusals.slowMode(this.slowModeSeconds), until };
    }
    if (elem.type === 'TIMTextElem') {
      const word = findBlockedWord(elem.payload.text, this.blockedWords);
      if (word !== null) return { code: 'blocked_word', words: refusals.blockedWord };
    }
    return null;
  }

  /** Speakers still inside the slow-mode window (what the room remembers of who spoke). */
  get speakersRemembered(): number {
    return this.speakers.size;
  }

  /** Accepts a message into the next batch; it is delivered unless frequency control drops it. */
  accept(sender: Member, elem: Elem, priority: Priority, from: HubClient | null, now: number): GroupMessage {
    this.seq++;
    const msg: GroupMessage = {
      id: `${this.info.groupId}-${this.seq}`,
      seq: this.seq,
      groupId: this.info.groupId,
      sender,
      time: now,
      priority,
      type: elem.type,
      payload: elem.payload,
    };
    if (from) this.speakers.note(from.userId, this.slowModeSeconds, now);
    this.pending.push({ msg, from });
    return msg;
  }

  /**
   * Frequency control and fan-out, run a few times a second. Each batch is serialized once and the same Buffer goes
   * to every member (senders get a copy without their own messages); sockets still catching up read it from the log.
   */
  flushMessages(now: number): void {
    if (this.pending.length === 0) return;
    const { chosen, dropped } = this.budget.choose(this.pending, now);
    this.droppedMessages += dropped;
    this.pending = [];
    if (chosen.length === 0) return;
    const messages = chosen.map((p) => p.msg);
    this.history.add(messages);
    this.deliveredMessages += messages.length;

    const all = encode({ type: 'messages', groupId: this.info.groupId, messages });
    const before = this.deliveredSeq;
    this.deliveredSeq = messages[messages.length - 1]!.seq;
    this.catchUp.append(this.deliveredSeq, all, now);
    const senders = new Set<HubClient>();
    for (const p of chosen) if (p.from) senders.add(p.from);
    const perSender = new Map<HubClient, Buffer | null>();
    for (const s of senders) {
      const others = chosen.filter((p) => p.from !== s).map((p) => p.msg);
      perSender.set(
        s,
        others.length > 0 ? encode({ type: 'messages', groupId: this.info.groupId, messages: others }) : null,
      );
    }
    for (const c of this.members) {
      if (this.catchUp.isFollowing(c)) continue;
      // The host or a moderator behind by a window reads on from the log at its own pace instead of being
      // dropped as a slow reader: the room's bounded log is its queue.
      if (c.unsentBytes > CATCH_UP_WINDOW_BYTES && this.roleOf(c.userId, c.operator) !== 'Member') {
        this.catchUp.follow(c, before);
        continue;
      }
      if (senders.size > 0 && perSender.has(c)) {
        const own = perSender.get(c);
        if (own) c.send(own);
      } else c.send(all);
    }
    this.pumpCatchUp();
  }

  /** Member joins/leaves since the last batch, and the online count when it changed. */
  flushMembers(withCount: boolean): void {
    if (this.joinedTotal > 0 || this.leftTotal > 0) {
      this.broadcast({
        type: 'members',
        groupId: this.info.groupId,
        joined: this.joined,
        left: this.left,
        joinedTotal: this.joinedTotal,
        leftTotal: this.leftTotal,
      });
      this.joined = [];
      this.left = [];
      this.joinedTotal = 0;
      this.leftTotal = 0;
    }
    if (withCount && this.members.size !== this.lastCountSent) {
      this.lastCountSent = this.members.size;
      this.broadcast({ type: 'onlineCount', groupId: this.info.groupId, count: this.members.size });
    }
  }

  broadcast(frame: ServerFrame): void {
    const buf = encode(frame);
    for (const c of this.members) c.send(buf);
  }

  /**
   * The host or a moderator back after a dropped socket reads every frame after `afterSeq` from the log, paced to
   * its socket, before live ones. Answers false when some of that is no longer kept.
   */
  followFrom(c: HubClient, afterSeq: number): boolean {
    return this.catchUp.follow(c, afterSeq);
  }

  pumpCatchUp(): void {
    if (this.catchUp.following > 0) this.catchUp.pump();
  }

  /** Whether `actor` may moderate `targetUserId`: Owner over all, Admin over Members only. */
  canModerate(actor: HubClient, targetUserId: string | null): Refusal | null {
    const actorRole = this.roleOf(actor.userId, actor.operator);
    if (actorRole === 'Member') return { code: 'forbidden', words: refusals.moderatorsOnly };
    if (targetUserId !== null) {
      if (targetUserId === actor.userId) return { code: 'forbidden', words: refusals.notToYourself };
      if (ROLE_RANK[this.roleOf(targetUserId)] >= ROLE_RANK[actorRole])
        return { code: 'forbidden', words: refusals.notToHostOrModerator };
    }
    return null;
  }

  /** Who sent a recent message (still recallable), or undefined. */
  senderOf(msgId: string): string | undefined {
    return (this.history.get(msgId) ?? this.pending.find((p) => p.msg.id === msgId)?.msg)?.sender.userId;
  }

  revoke(msgId: string, by: string): boolean {
    if (!this.history.has(msgId)) {
      const idx = this.pending.findIndex((p) => p.msg.id === msgId);
      if (idx < 0) return false;
      this.pending.splice(idx, 1);
    }
    this.history.forget(msgId);
    const frame = encode({ type: 'revoked', groupId: this.info.groupId, msgIds: [msgId], by });
    // Logged half a step past the last delivered seq: whoever comes back from that seq or earlier has not seen it.
    this.catchUp.append(this.deliveredSeq + 0.5, frame);
    for (const c of this.members) if (!this.catchUp.isFollowing(c)) c.send(frame);
    this.pumpCatchUp();
    return true;
  }

  setMute(userId: string, seconds: number, by: string, now: number): number | null {
    const until = seconds > 0 ? now + seconds * 1000 : null;
    if (until === null) this.mutes.delete(userId);
    else this.mutes.set(userId, until);
    this.broadcast({ type: 'muted', groupId: this.info.groupId, userId, until, by });
    return until;
  }

  /** Removes every connection of the user; with `banSeconds` > 0 also refuses their joins until then. */
  removeUser(
    userId: string,
    kind: 'kick' | 'ban',
    by: string,
    reason: string,
    banSeconds: number,
    now: number,
  ): number {
    let until: number | null = null;
    if (kind === 'ban') {
      if (banSeconds > 0) {
        until = now + banSeconds * 1000;
        this.bans.set(userId, until);
      } else this.bans.delete(userId);
    }
    let removed = 0;
    for (const c of [...this.members]) {
      if (c.userId !== userId) continue;
      c.send(encode({ type: 'kicked', groupId: this.info.groupId, kind, by, reason, until }));
      this.remove(c);
      removed++;
    }
    return removed;
  }

  setMuteAll(on: boolean, by: string): void {
    this.muteAll = on;
    this.broadcast({ type: 'roomState', groupId: this.info.groupId, state: this.state(), by });
  }

  setSlowMode(seconds: number, by: string): void {
    this.slowModeSeconds = seconds;
    this.broadcast({ type: 'roomState', groupId: this.info.groupId, state: this.state(), by });
  }

  setBlockedWords(words: readonly string[], by: string): void {
    this.blockedWords = normalizeBlockedWords(words);
    this.broadcast({ type: 'roomState', groupId: this.info.groupId, state: this.state(), by });
  }

  setAdmin(userId: string, admin: boolean, by: string): void {
    if (admin) this.admins.add(userId);
    else this.admins.delete(userId);
    this.broadcast({ type: 'roleChanged', groupId: this.info.groupId, userId, role: this.roleOf(userId), by });
  }

  /** The room ended: everyone is told and removed. */
  end(reason: 'ended' | 'heartbeat_lost'): void {
    this.broadcast({ type: 'roomEnded', groupId: this.info.groupId, reason });
    for (const c of this.members) c.room = null;
    this.members.clear();
    this.connectionsOf.clear();
  }
}
