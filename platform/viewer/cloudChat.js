// The room's chat in cloud mode: the room's AVChatRoom on Tencent Cloud IM through the page's one SDK module
// (tencentChat.js), signed in with the viewer's own UserSig from the platform. It speaks to the room view in the
// chat hub's frames (joined, messages, c2c, onlineCount, roomEnded), so the page has one room view for both modes.
/* global setInterval, clearInterval */
import { call } from './api.js';
import { t } from './strings.js';
import { createChat, EVENT, TYPES } from './tencentChat.js';

/** The SDK asks for the online count at most this often (Tencent: every 5 to 10 s). */
const ONLINE_COUNT_POLL_MS = 10_000;
/** The identity the page believes room signals from, as the chat hub names it (the IM admin is mapped to it). */
const PLATFORM_ID = '@platform';
/** Tencent's refusals a viewer can meet, in the page's words. */
const REFUSALS = { 10017: 'chatMuted', 10007: 'chatNotMember', 10010: 'ended', 80001: 'chatRefusedWords' };

export class CloudChatConnection {
  /** creds: the platform's chat credentials; room: { groupId, host: { userId } }. */
  constructor(creds, room, onFrame, onState) {
    this.creds = creds;
    this.room = room;
    this.onFrame = onFrame;
    this.onState = onState;
    this.closed = false;
    this.joined = false;
    this.chat = createChat(creds.sdkAppId);
    this.ready = new Promise((resolve) => this.chat.on(EVENT.SDK_READY, resolve));
    this.chat.on(EVENT.MESSAGE_RECEIVED, (e) => this.received(e.data ?? []));
    this.chat.on(EVENT.KICKED_OUT, () => this.lost());
    this.chat.on(EVENT.NET_STATE_CHANGE, (e) => e.data?.state === 'disconnected' && this.lost());
    void this.open();
  }

  /** Asks the platform for this viewer's UserSig, then connects: undefined when the platform refuses. */
  static async start(room, onFrame, onState) {
    const creds = await call('POST', '/api/v1/me/chat-credentials', {});
    return new CloudChatConnection(creds, room, onFrame, onState);
  }

  async open() {
    try {
      await this.chat.login({ userID: this.creds.userId, userSig: this.creds.userSig });
      await this.ready;
      await this.chat.joinGroup({ groupID: this.room.groupId, type: TYPES.GRP_AVCHATROOM });
    } catch (e) {
      if (!this.closed) this.onFrame({ type: 'chatError', message: words(e, 'chatJoinFailed') });
      return;
    }
    if (this.closed) return;
    this.joined = true;
    this.onState('open');
    this.onFrame({ type: 'joined', history: [], onlineCount: await this.onlineCount() });
    this.timer = setInterval(
      () => void this.onlineCount().then((count) => this.onFrame({ type: 'onlineCount', count })),
      ONLINE_COUNT_POLL_MS,
    );
  }

  lost() {
    this.joined = false;
    if (!this.closed) this.onState('lost');
  }

  async onlineCount() {
    try {
      return (await this.chat.getGroupOnlineMemberCount(this.room.groupId)).data.memberCount;
    } catch {
      return 0;
    }
  }

  received(list) {
    const lines = [];
    for (const m of list) {
      const msg = this.toHubMessage(m);
      if (m.conversationType === TYPES.CONV_C2C) {
        this.onFrame({ type: 'c2c', message: msg });
        continue;
      }
      if (m.to !== this.room.groupId) continue;
      const ended = msg.sender.userId === PLATFORM_ID ? roomEnded(msg) : null;
      if (ended) this.onFrame(ended);
      else lines.push(msg);
    }
    if (lines.length) this.onFrame({ type: 'messages', messages: lines });
  }

  /** A Tencent Message in the hub's shape; only the IM admin speaks as the platform. */
  toHubMessage(m) {
    const userId = m.from === this.creds.imAdmin ? PLATFORM_ID : m.from;
    const nickname = m.nick || m.from;
    const p = m.payload ?? {};
    return {
      id: m.ID,
      type: m.type,
      sender: { userId, nickname, role: m.from === this.room.host.userId ? 'Owner' : 'Member' },
      from: { userId, nickname },
      payload:
        m.type === TYPES.MSG_TEXT
          ? { text: String(p.text ?? '') }
          : { data: String(p.data ?? ''), description: String(p.description ?? ''), extension: '' },
    };
  }

  /** Sends a hub-shaped request ('send' to the room, 'c2c' to one user); answers 'ack' or 'error' in words. */
  async request(frame) {
    if (!this.joined) return { type: 'error', code: 'offline', message: t('chatNotConnected') };
    const message =
      frame.type === 'send'
        ? this.chat.createTextMessage({
            to: this.room.groupId,
            conversationType: TYPES.CONV_GROUP,
            priority: frame.priority ?? 'Normal',
            payload: { text: frame.elem.payload.text },
          })
        : this.chat.createCustomMessage({
            to: frame.to,
            conversationType: TYPES.CONV_C2C,
            payload: frame.elem.payload,
          });
    try {
      const sent = await this.chat.sendMessage(message);
      return { type: 'ack', msgId: sent.data.message.ID };
    } catch (e) {
      return { type: 'error', code: String(e?.code ?? 'failed'), message: words(e) };
    }
  }

  close() {
    this.closed = true;
    this.joined = false;
    clearInterval(this.timer);
    void Promise.resolve()
      .then(() => (this.chat.destroy ? this.chat.destroy() : this.chat.logout()))
      .catch(() => {});
  }
}

/** The platform's end notice (sent before the group is dismissed), as the hub's roomEnded frame. */
function roomEnded(msg) {
  if (msg.type !== TYPES.MSG_CUSTOM) return null;
  try {
    const data = JSON.parse(msg.payload.data);
    return data?.type === 'roomEnded' ? { type: 'roomEnded', reason: String(data.reason ?? 'ended') } : null;
  } catch {
    return null;
  }
}

/** A Tencent error in the page's words where the code is known; Tencent's own message otherwise. */
function words(e, otherwise = 'chatFailed') {
  const key = REFUSALS[e?.code];
  return key ? t(key) : t(otherwise, { reason: String(e?.message ?? e) });
}
