// Cloud mode: each room's Tencent IM AVChatRoom from creation to dismissal, and the room signals the platform
// itself speaks there (gifts, likes, moderation notices, the end notice) sent as the IM app admin.
import { imActs, refusals, type Words } from '../http/refusals';
import { ImRestError, TencentImError, type ImRestClient, type ImRestReply } from './imRestClient';

/** How often a REST call is tried before its failure is reported, and the waits between tries. */
export const IM_CALL_ATTEMPTS = 3;
const RETRY_DELAYS_MS = [500, 2000];

/** Tencent's refusals that no retry can change: the app, the admin's UserSig, a bad request. */
const PERMANENT = new Set([60002, 60006, 60010, 70001, 70003, 70009, 70013, 10004, 10015]);
/** create_group: "the group ID is taken", here by an earlier try of the same room whose answer was lost. */
const GROUP_ID_TAKEN = [10021, 10025];
/** destroy_group: the group is already gone (Tencent dismisses an idle AVChatRoom by itself too). */
const GROUP_GONE = 10010;

/**
 * Groups of rooms ended for lost heartbeats that wait out the resume window before their dismissal. A VJ's
 * account can create rooms and let them lapse, so this is bounded: past it, the oldest is dismissed at once.
 */
export const MAX_PENDING_DISMISSALS = 1000;

export type Priority = 'High' | 'Normal' | 'Low' | 'Lowest';

export interface CloudRoomChatOptions {
  log: (line: string) => void;
  /** Waits between tries; tests shorten them. */
  retryDelaysMs?: number[];
}

/** A REST call that failed every try: what failed, in plain words (`en`, `zh`), with Tencent's code. */
export class CloudChatError extends TencentImError {}

export class CloudRoomChat {
  private readonly delays: number[];
  /** Dismissals waiting for a room's resume window to pass, oldest first (a Map keeps insertion order). */
  private readonly pendingDismissals = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly im: ImRestClient,
    private readonly o: CloudRoomChatOptions,
  ) {
    this.delays = o.retryDelaysMs ?? RETRY_DELAYS_MS;
  }

  /**
   * The room's AVChatRoom with the VJ as its owner (the VJ's IM account imported first, as create_group
   * needs an existing account). Throws CloudChatError, in plain words, once every try has failed.
   */
  async open(room: { groupId: string; ownerId: string; ownerNickname: string; title: string }): Promise<void> {
    await this.tried(imActs.importHost, () =>
      this.im.call('im_open_login_svc', 'account_import', { UserID: room.ownerId, Nick: room.ownerNickname }),
    );
    await this.tried(
      imActs.createGroup,
      () =>
        this.im.call('group_open_http_svc', 'create_group', {
          Owner_Account: room.ownerId,
          Type: 'AVChatRoom',
          GroupId: room.groupId,
          Name: room.title.slice(0, 30) || room.groupId,
        }),
      GROUP_ID_TAKEN,
    );
    this.o.log(`cloud chat: AVChatRoom ${room.groupId} created, owner ${room.ownerId}`);
  }

  /** A room signal from the IM admin (the only sender studios and viewer pages believe them from). */
  announce(groupId: string, data: string, desc: string, priority: Priority): Promise<ImRestReply> {
    return this.tried(imActs.sendMessage, () => this.im.sendGroupCustom(groupId, data, desc, priority));
  }

  /** Like announce, for signals nobody waits on: a failure after every try is logged, never thrown. */
  announceLater(groupId: string, data: string, desc: string, priority: Priority): void {
    this.announce(groupId, data, desc, priority).catch((e: Error) =>
      this.o.log(`cloud chat: a ${desc} message to ${groupId} was lost: ${e.message}`),
    );
  }

  /**
   * The end notice first (so every member learns why), then the group is dismissed: at once, or after `keepMs`
   * (a room ended for lost heartbeats that its VJ may still resume, see keep()). Failures are logged.
   */
  async close(groupId: string, reason: 'ended' | 'heartbeat_lost', keepMs = 0): Promise<void> {
    const notice = JSON.stringify({ type: 'roomEnded', groupId, reason });
    try {
      await this.announce(groupId, notice, 'roomEnded', 'High');
    } catch (e) {
      this.o.log(`cloud chat: the end notice of ${groupId} was not delivered: ${(e as Error).message}`);
    }
    if (keepMs <= 0) return this.dismiss(groupId, reason);
    this.keep(groupId);
    if (this.pendingDismissals.size >= MAX_PENDING_DISMISSALS) {
      const [oldest] = this.pendingDismissals.keys();
      if (oldest !== undefined && this.keep(oldest)) void this.dismiss(oldest, reason);
    }
    const timer = setTimeout(() => {
      this.pendingDismissals.delete(groupId);
      void this.dismiss(groupId, reason);
    }, keepMs);
    timer.unref();
    this.pendingDismissals.set(groupId, timer);
  }

  /** A resumed room keeps its group: its waiting dismissal is dropped. True when one was waiting. */
  keep(groupId: string): boolean {
    const timer = this.pendingDismissals.get(groupId);
    if (!timer) return false;
    clearTimeout(timer);
    this.pendingDismissals.delete(groupId);
    return true;
  }

  /** Groups waiting out a resume window before their dismissal. */
  get pendingDismissalCount(): number {
    return this.pendingDismissals.size;
  }

  /** Shutdown: the waiting dismissals are dropped (Tencent dismisses an idle AVChatRoom by itself in time). */
  stop(): void {
    for (const timer of this.pendingDismissals.values()) clearTimeout(timer);
    this.pendingDismissals.clear();
  }

  private async dismiss(groupId: string, reason: 'ended' | 'heartbeat_lost'): Promise<void> {
    try {
      await this.tried(
        imActs.dismissGroup,
        () => this.im.call('group_open_http_svc', 'destroy_group', { GroupId: groupId }),
        [GROUP_GONE],
      );
      this.o.log(`cloud chat: AVChatRoom ${groupId} dismissed (${reason})`);
    } catch (e) {
      this.o.log(`cloud chat: AVChatRoom ${groupId} could not be dismissed: ${(e as Error).message}`);
    }
  }

  private async tried(what: Words, run: () => Promise<ImRestReply>, doneCodes: number[] = []): Promise<ImRestReply> {
    let last: ImRestError | null = null;
    for (let attempt = 1; attempt <= IM_CALL_ATTEMPTS; attempt++) {
      try {
        return await run();
      } catch (e) {
        if (!(e instanceof ImRestError)) throw e;
        if (doneCodes.includes(e.errorCode)) return { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };
        last = e;
        if (PERMANENT.has(e.errorCode) || attempt === IM_CALL_ATTEMPTS) break;
        const wait = this.delays[Math.min(attempt - 1, this.delays.length - 1)] ?? 0;
        this.o.log(
          `cloud chat: could not ${what.en} (${e.message}); try ${attempt + 1} of ${IM_CALL_ATTEMPTS} in ${wait} ms`,
        );
        await new Promise((r) => setTimeout(r, wait));
      }
    }
    const e = last!;
    throw new CloudChatError(e.errorCode, refusals.imCallFailed(what, { en: e.message, zh: e.zh }));
  }
}
