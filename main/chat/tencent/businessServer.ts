// What an AVChatRoom's client SDK may not do (per-user mutes, unbans, moderator roles) goes through the
// business server, which holds the IM admin key and calls Tencent's REST API. This is its client.
import { StudioError, withoutFullStop } from '../../contract';
import { refusalWords } from '../../contract/refusalWords';

export interface BusinessServer {
  /** forbid_send_msg: MuteTime in seconds, 0 lifts the mute. */
  muteMember(groupId: string, userId: string, seconds: number): Promise<void>;
  /**
   * ban_group_member: out of the AVChatRoom now, and kept out for that many seconds ('kick': a short ban that says so).
   */
  banMember(groupId: string, userId: string, seconds: number, description?: 'kick'): Promise<void>;
  /** unban_group_member. */
  unbanMember(groupId: string, userId: string): Promise<void>;
  /** group_msg_recall, by the messages' sequence numbers. */
  recallMessages(groupId: string, sequences: number[]): Promise<void>;
  /** AVChatRoom keeps no member roles (modify_group_member_info is refused there): the business server does. */
  setModerator(groupId: string, userId: string, on: boolean): Promise<void>;
}

/** The relay's answer: Tencent's shape, or the business server's own refusal. */
const words = refusalWords.tencent;

interface RelayAnswer {
  ActionStatus?: string;
  ErrorCode?: number;
  ErrorInfo?: string;
  ErrorInfoZh?: string;
  error?: { message?: string; zh?: string };
}

/**
 * Relays Tencent IM REST commands through the business server at `<url>/api/v1/im/<service>/<command>`
 * (Bearer token); the body is Tencent's own and so is the answer: HTTP 200 with ActionStatus/ErrorCode.
 */
export class HttpBusinessServer implements BusinessServer {
  constructor(
    private readonly url: string,
    private readonly token: string,
  ) {}

  muteMember(groupId: string, userId: string, seconds: number): Promise<void> {
    return this.rest('group_open_http_svc/forbid_send_msg', {
      GroupId: groupId,
      Members_Account: [userId],
      MuteTime: seconds,
    });
  }

  banMember(groupId: string, userId: string, seconds: number, description?: 'kick'): Promise<void> {
    return this.rest('group_open_http_svc/ban_group_member', {
      GroupId: groupId,
      Members_Account: [userId],
      Duration: seconds,
      ...(description ? { Description: description } : {}),
    });
  }

  unbanMember(groupId: string, userId: string): Promise<void> {
    return this.rest('group_open_http_svc/unban_group_member', { GroupId: groupId, Members_Account: [userId] });
  }

  recallMessages(groupId: string, sequences: number[]): Promise<void> {
    return this.rest('group_open_http_svc/group_msg_recall', {
      GroupId: groupId,
      MsgSeqList: sequences.map((MsgSeq) => ({ MsgSeq })),
    });
  }

  setModerator(groupId: string, userId: string, on: boolean): Promise<void> {
    return this.rest('studio/set_moderator', {
      GroupId: groupId,
      Member_Account: userId,
      Role: on ? 'Admin' : 'Member',
    });
  }

  private async rest(command: string, body: unknown): Promise<void> {
    let res: Response;
    try {
      res = await fetch(new URL(`api/v1/im/${command}`, this.url.endsWith('/') ? this.url : `${this.url}/`), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (err) {
      throw new StudioError('platform_error', words.businessUnreachable((err as Error).message));
    }
    const answer = (await res.json().catch(() => null)) as RelayAnswer | null;
    if (!res.ok || !answer || answer.ActionStatus !== 'OK') {
      // Tencent's refusal (relayed as Tencent answers it), or the business server's own (who may do what);
      // each with the server's Chinese beside its English when it sends one (ErrorInfoZh, error.zh).
      const info = answer?.ErrorInfo ?? answer?.error?.message ?? `HTTP ${res.status}`;
      const infoZh = (answer?.ErrorInfo !== undefined ? answer.ErrorInfoZh : answer?.error?.zh) ?? info;
      const said = { en: withoutFullStop(info), zh: withoutFullStop(infoZh) };
      throw new StudioError('platform_error', words.businessRefused(command, said, answer?.ErrorCode));
    }
  }
}
