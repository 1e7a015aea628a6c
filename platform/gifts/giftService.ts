// Gifts: the atomic debit, then the high-priority gift message in the room (local hub or Tencent IM REST).
import type { SendGiftResponse } from '../../common/platformApi/schemas';
import type { CloudRoomChat } from '../cloud/cloudRoomChat';
import { refusals } from '../http/refusals';
import { HttpError } from '../http/router';
import type { ChatHub } from '../im/hub';
import type { AccountRow } from '../storage/accountsRepo';
import type { GiftOrdersRepo } from '../storage/giftOrdersRepo';
import type { RoomService } from '../rooms/roomService';
import { findGift } from './catalog';

export class GiftService {
  /** Told when a gift's billing transaction credited a PK battle, so its scores go out. */
  battleCredited: (battleId: string) => void = () => {};

  constructor(
    private readonly orders: GiftOrdersRepo,
    private readonly rooms: RoomService,
    private readonly hub: ChatHub,
    private readonly cloudChat: CloudRoomChat | null,
    private readonly log: (line: string) => void = () => {},
  ) {}

  async send(
    roomId: string,
    sender: AccountRow,
    giftId: string,
    count: number,
    requestId: string,
  ): Promise<SendGiftResponse> {
    const gift = findGift(giftId);
    if (!gift) throw new HttpError(400, 'invalid_input', refusals.noGift(giftId));
    const room = this.rooms.requireLive(roomId);
    const value = gift.price * count;
    const r = this.orders.debit({ userId: sender.userId, requestId, roomId, giftId, count, value });
    if (r.kind === 'no_account') throw new HttpError(401, 'unauthorized', refusals.accountGone);
    if (r.kind === 'insufficient')
      throw new HttpError(402, 'insufficient_balance', refusals.notEnoughCoins(value, r.balance));
    if (r.kind === 'duplicate') {
      if (r.roomId !== roomId || r.giftId !== giftId || r.count !== count) {
        throw new HttpError(409, 'conflict', refusals.requestIdReused);
      }
      return { ok: true, balance: r.balance, duplicate: true, ...(r.msgId ? { msgId: r.msgId } : {}) };
    }
    if (r.battleId) this.battleCredited(r.battleId);
    const data = JSON.stringify({
      type: 'gift',
      giftId,
      name: gift.name,
      count,
      value,
      from: { userId: sender.userId, nickname: sender.nickname },
      requestId,
    });
    let msgId: string | undefined;
    if (this.cloudChat) {
      try {
        const reply = await this.cloudChat.announce(room.groupId, data, 'gift', 'High');
        msgId = typeof reply.MsgSeq === 'number' ? `${room.groupId}-${reply.MsgSeq}` : undefined;
      } catch (e) {
        // Charged and recorded either way (the host's end figures count it): only the announcement is missing,
        // after every try, and the platform's log says so.
        this.log(`gift ${requestId} in room ${roomId} was billed but not announced: ${(e as Error).message}`);
        msgId = undefined;
      }
    } else {
      msgId = this.hub.announce(
        room.groupId,
        { type: 'TIMCustomElem', payload: { data, description: 'gift', extension: '' } },
        'High',
      )?.id;
    }
    if (msgId) this.orders.setMessageId(sender.userId, requestId, msgId);
    return { ok: true, balance: r.balance, duplicate: false, ...(msgId ? { msgId } : {}) };
  }
}
