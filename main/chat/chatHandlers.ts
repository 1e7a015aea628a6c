// chat.* handlers: one thin line each into the chat feed.
import type { HandlersFor } from '../api';
import type { CallName } from '../contract';
import type { AccountService } from '../session/accountService';
import type { ChatFeed } from './chatFeed';
import { roomChatInput } from './roomChatInput';

type ChatCall = Extract<CallName, `chat.${string}`>;

export function chatHandlers(s: { chat: ChatFeed; account: AccountService }): HandlersFor<ChatCall> {
  const { chat } = s;
  return {
    'chat.connect': (input) => chat.connect(input),
    'chat.openRoom': async (input) => {
      const signed = s.account.signedInClient();
      // "Room N" may be the room id or its chat group id: the live list says which group it is.
      const live = await signed.client.liveRooms().catch(() => []);
      const room = live.find((r) => r.roomId === input.roomId || r.groupId === input.roomId);
      // The hub, or in cloud mode the room's AVChatRoom with this account's own UserSig.
      return chat.connect(await roomChatInput(signed, room?.groupId || input.roomId));
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
