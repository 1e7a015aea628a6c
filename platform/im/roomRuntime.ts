// One live room's chat state in memory: roles, frequency control, history, catch-up and moderation, with its
// membership (roomMembership.ts), fan-out (roomFanOut.ts), rules of speech (roomModeration.ts) and who may
// moderate whom (roomRules.ts) beside it.
import type { Elem, GroupMessage, Member, Priority, Role, RoomState, ServerFrame } from '../../common/chatHub/protocol';
import { DEFAULT_GROUP_MESSAGES_PER_SECOND } from '../../common/chatHub/protocol';
import { CATCH_UP_BYTES, CATCH_UP_MS, CATCH_UP_WINDOW_BYTES, CatchUpLog } from './catchUp';
import { CatchUpSpill } from './catchUpSpill';
import { MessageBudget } from './messageBudget';
import { encode, fanOutBatch, writeRoom, type Pending, type RoomThreads } from './roomFanOut';
import { RoomHistory } from './roomHistory';
import { RoomMembership, type HubClient } from './roomMembership';
import { RoomModeration } from './roomModeration';
import { moderationRefusal, type Refusal } from './roomRules';
import { wsTextFrame } from './wsFrame';

export type { HubClient, Refusal };
export { encode };

export interface RoomInfo {
  roomId: string;
  groupId: string;
  ownerId: string;
  admins: readonly string[];
}

export class RoomRuntime {
  private readonly membership: RoomMembership;
  /** The room's connections (the membership's own set). */
  readonly members: Set<HubClient>;
  readonly newViewers: Set<string>;
  readonly admins: Set<string>;
  private readonly moderation = new RoomModeration();
  private seq = 0;
  private readonly history = new RoomHistory();
  private pending: Pending[] = [];
  private readonly budget: MessageBudget;
  /** The last delivered message's seq, and what the host and moderators missed while away, by seq. */
  private deliveredSeq = 0;
  private readonly catchUp: CatchUpLog;
  deliveredMessages = 0;
  droppedMessages = 0;

  constructor(
    readonly info: RoomInfo,
    private readonly messagesPerSecond = DEFAULT_GROUP_MESSAGES_PER_SECOND,
    /** The fan-out threads writing some of the members' sockets, when the hub has them. */
    private readonly threads: RoomThreads | null = null,
    catchUpMemoryBytes = CATCH_UP_BYTES,
  ) {
    this.catchUp = new CatchUpLog(catchUpMemoryBytes, CATCH_UP_MS, new CatchUpSpill());
    this.admins = new Set(info.admins);
    this.budget = new MessageBudget(messagesPerSecond);
    this.membership = new RoomMembership(info.ownerId, (c) => this.memberOf(c));
    this.members = this.membership.connections;
    this.newViewers = this.membership.newViewers;
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
    return this.moderation.state();
  }

  mutedUntil(userId: string, now = Date.now()): number | null {
    return this.moderation.mutedUntil(userId, now);
  }

  bannedUntil(userId: string, now = Date.now()): number | null {
    return this.moderation.bannedUntil(userId, now);
  }

  recentHistory(): GroupMessage[] {
    return this.history.list();
  }

  /** The recent history as JSON bytes, serialized and encoded once however many join before the next message. */
  recentHistoryBytes(): Buffer {
    return this.history.serializedBytes();
  }

  add(c: HubClient): void {
    if (this.membership.add(c)) c.room = this;
  }

  remove(c: HubClient): void {
    if (!this.membership.remove(c)) return;
    this.catchUp.forget(c);
    c.room = null;
  }

  hasConnectionOf(userId: string): boolean {
    return this.membership.hasConnectionOf(userId);
  }

  /** Members other than the host: what the live list and the end stats call viewers. */
  viewerCount(): number {
    return this.membership.viewerCount();
  }

  get peakViewers(): number {
    return this.membership.peakViewers;
  }

  /** Checks whether this member may send now (mute, mute-all, slow mode, blocked words). */
  checkSend(c: HubClient, elem: Elem, now: number): Refusal | null {
    return this.moderation.sendRefusal(c.userId, this.roleOf(c.userId, c.operator), elem, now);
  }

  /** Speakers still inside the slow-mode window (what the room remembers of who spoke). */
  get speakersRemembered(): number {
    return this.moderation.speakersRemembered;
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
    if (from) this.moderation.noteSpoke(from.userId, now);
    this.pending.push({ msg, from });
    return msg;
  }

  /**
   * One tick of the room: the joins/leaves and the online count when they changed, then the batch when one is due,
   * all in one write per socket (a large room's members would otherwise pay a system call for each of them). A
   * batch carrying a line from someone whose join is not announced yet takes the joins with it, ahead of the line.
   */
  flush(now: number, due: { messages: boolean; members: boolean; count: boolean }): void {
    const announce =
      due.members || (due.messages && this.pending.some((p) => p.from && this.membership.joinUnannounced(p.from)));
    const leading = announce ? this.membersWire(due.count) : null;
    if (due.messages && this.flushMessages(now, leading)) return;
    if (leading) writeRoom(this.info.groupId, this.members, leading, this.threads);
  }

  /**
   * Frequency control and fan-out. Each batch is serialized once and the same Buffer goes to every member (senders
   * get a copy without their own messages); sockets still catching up read it from the log. `leading` (framed
   * frames) goes ahead of it in the same write; answers whether the room was written to (false: no message was due).
   */
  flushMessages(now: number, leading: Buffer | null = null): boolean {
    if (this.pending.length === 0) return false;
    const { chosen, dropped } = this.budget.choose(this.pending, now);
    this.droppedMessages += dropped;
    this.pending = [];
    if (chosen.length === 0) return false;
    const messages = chosen.map((p) => p.msg);
    this.history.add(messages);
    this.deliveredMessages += messages.length;

    const all = encode({ type: 'messages', groupId: this.info.groupId, messages });
    const before = this.deliveredSeq;
    this.deliveredSeq = messages[messages.length - 1]!.seq;
    this.catchUp.append(this.deliveredSeq, all, now);
    // Sockets catching up read this batch from the log, in order, after what they missed. The host or a moderator
    // behind by a window reads on from the log at its own pace instead of being dropped as a slow reader: the
    // room's bounded log is its queue.
    const readsFromLog = (c: HubClient): boolean => {
      if (this.catchUp.isFollowing(c)) return true;
      if (c.unsentBytes <= CATCH_UP_WINDOW_BYTES || this.roleOf(c.userId, c.operator) === 'Member') return false;
      this.catchUp.follow(c, before);
      return true;
    };
    fanOutBatch(this.info.groupId, chosen, all, leading, this.members, readsFromLog, this.threads);
    this.pumpCatchUp();
    return true;
  }

  /** Member joins/leaves since the last call, and the online count when it changed, framed; null when neither. */
  private membersWire(withCount: boolean): Buffer | null {
    const frames: Buffer[] = [];
    const members = this.membership.takeMembersFrame(this.info.groupId);
    if (members) frames.push(wsTextFrame(encode(members)));
    const count = withCount ? this.membership.takeCountChange() : null;
    if (count !== null) frames.push(wsTextFrame(encode({ type: 'onlineCount', groupId: this.info.groupId, count })));
    return frames.length > 0 ? Buffer.concat(frames) : null;
  }

  broadcast(frame: ServerFrame): void {
    writeRoom(this.info.groupId, this.members, wsTextFrame(encode(frame)), this.threads);
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
    const target = targetUserId === null ? null : { userId: targetUserId, role: this.roleOf(targetUserId) };
    return moderationRefusal({ userId: actor.userId, role: this.roleOf(actor.userId, actor.operator) }, target);
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
    writeRoom(this.info.groupId, this.members, wsTextFrame(frame), this.threads, (c) => this.catchUp.isFollowing(c));
    this.pumpCatchUp();
    return true;
  }

  setMute(userId: string, seconds: number, by: string, now: number): number | null {
    const until = this.moderation.setMute(userId, seconds, now);
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
    const until = kind === 'ban' ? this.moderation.setBan(userId, banSeconds, now) : null;
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
    this.moderation.muteAll = on;
    this.broadcastState(by);
  }

  setSlowMode(seconds: number, by: string): void {
    this.moderation.slowModeSeconds = seconds;
    this.broadcastState(by);
  }

  setBlockedWords(words: readonly string[], by: string): void {
    this.moderation.setBlockedWords(words);
    this.broadcastState(by);
  }

  private broadcastState(by: string): void {
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
    this.membership.clear();
    this.closeLog();
  }

  /** Deletes the catch-up log's files on disk (the room ended, or the hub closes). */
  closeLog(): void {
    this.catchUp.close();
  }
}
