// chat.* handlers: one thin line each into the chat feed.
import type { HandlersFor } from '../api';
import { StudioError, type CallName } from '../contract';
import type { AccountService } from '../session/accountService';
import type { ChatFeed } from './chatFeed';

type ChatCall = Extract<CallName, `chat.${string}`>;

export function chatHandlers(s: { chat: ChatFeed; account: AccountService }): HandlersFor<ChatCall> {
  const { chat } = s;
  return {
    'chat.connect': (input) => chat.connect(input),
    'chat.openRoom': async (input) => {
      if (s.account.state().mode !== 'local' && !s.account.signedInClient().imUrl) {
        throw new StudioError('unavailable', {
          en: "Moderating from here needs the platform's chat hub; in cloud mode connect with the Tencent settings.",
          zh: '在这里管理聊天需要平台的聊天中心；云模式下请使用腾讯云设置连接。',
        });
      }
      const signed = s.account.signedInClient();
      // "Room N" may be the room id or its chat group id: the live list says which group it is.
      const live = await signed.client.liveRooms().catch(() => []);
      const room = live.find((r) => r.roomId === input.roomId || r.groupId === input.roomId);
      return chat.connect({
        mode: 'platform',
        platformUrl: signed.serverUrl,
        token: signed.token,
        userId: signed.userId,
        roomId: room?.groupId ?? input.roomId,
        ...(signed.imUrl ? { imUrl: signed.imUrl } : {}),
      });
    },
    'chat.disconnect': async () => {
      await chat.disconnect();
      return { ok: true as const };
    },
    'chat.status': () => chat.status(),
    'chat.send': async (input) => {
      await chat.send(input.text, input.to);
      return { ok: true as const };
    },
    'chat.sendCustom': async (input) => {
      await chat.sendCustom({ data: input.data, description: input.description, extension: input.extension }, input.to);
      return { ok: true as const };
    },
    'chat.recent': async (input) => ({ items: await chat.recent(input.limit) }),
    'chat.search': async (input) => ({ items: await chat.search(input.query, input.roomId, input.limit) }),
    'chat.userCard': (input) => chat.userCard(input.userId),
    'chat.moderate': async (input) => ({ entry: await chat.moderate(input) }),
    'chat.moderationLog': (input) => ({ entries: chat.moderationLog(input.limit) }),
    'chat.blockedWords': () => chat.blockedWords(),
    'chat.setBlockedWords': (input) => {
      chat.setBlockedWords(input.words, input.builtIn);
      return { ok: true as const };
    },
  };
}
