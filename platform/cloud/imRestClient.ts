// Tencent IM server REST API client (cloud mode): signs each call with the admin's UserSig, reads ActionStatus.
import { randomInt } from 'node:crypto';
import { genUserSig } from '../auth/userSig';
import { refusals, tencentImRefusals, type Words } from '../http/refusals';

export interface ImRestOptions {
  /** e.g. https://console.tim.qq.com (or adminapisgp.im.qcloud.com); a local fake in tests. */
  baseUrl: string;
  sdkAppId: number;
  secretKey: string;
  adminUserId: string;
}

export interface ImRestReply {
  ActionStatus: 'OK' | 'FAIL';
  ErrorCode: number;
  ErrorInfo: string;
  [k: string]: unknown;
}

/** A failure with Tencent IM: Tencent's code (-1 when it never answered), in plain words (message) and Chinese (zh). */
export class TencentImError extends Error {
  readonly zh: string;

  constructor(
    readonly errorCode: number,
    words: Words,
  ) {
    super(words.en);
    this.zh = words.zh;
  }
}

/** One REST call's refusal (or no answer), as Tencent gave it. */
export class ImRestError extends TencentImError {}

export class ImRestClient {
  constructor(private readonly o: ImRestOptions) {}

  async call(service: string, command: string, body: unknown): Promise<ImRestReply> {
    const now = Math.floor(Date.now() / 1000);
    const usersig = genUserSig(this.o.secretKey, {
      identifier: this.o.adminUserId,
      sdkAppId: this.o.sdkAppId,
      time: now,
      expire: 3600,
    });
    const q = new URLSearchParams({
      sdkappid: String(this.o.sdkAppId),
      identifier: this.o.adminUserId,
      usersig,
      random: String(randomInt(0, 2 ** 32 - 1)),
      contenttype: 'json',
    });
    const url = `${this.o.baseUrl.replace(/\/$/, '')}/v4/${service}/${command}?${q.toString()}`;
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (e) {
      throw new ImRestError(-1, refusals.imUnreachable((e as Error).message));
    }
    const reply = (await res.json().catch(() => null)) as ImRestReply | null;
    if (!reply || typeof reply.ActionStatus !== 'string') throw new ImRestError(-1, refusals.imNoReply(res.status));
    if (reply.ActionStatus !== 'OK')
      throw new ImRestError(
        reply.ErrorCode,
        tencentImRefusals[reply.ErrorCode] ?? refusals.imRefused(reply.ErrorCode, reply.ErrorInfo),
      );
    return reply;
  }

  /** group_open_http_svc/send_group_msg with one custom element (gifts: MsgPriority High). */
  /** Sent as the app admin (no From_Account): clients believe room signals from that identity only. */
  sendGroupCustom(
    groupId: string,
    data: string,
    desc: string,
    priority: 'High' | 'Normal' | 'Low' | 'Lowest',
  ): Promise<ImRestReply> {
    return this.call('group_open_http_svc', 'send_group_msg', {
      GroupId: groupId,
      Random: randomInt(0, 2 ** 32 - 1),
      MsgPriority: priority,
      MsgBody: [{ MsgType: 'TIMCustomElem', MsgContent: { Data: data, Desc: desc, Ext: '' } }],
    });
  }
}
