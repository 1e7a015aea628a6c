// Builds the ChatService a chat.connect asks for. The Tencent SDK is loaded only in cloud mode (it is large).
import WebSocket from 'ws';
import type { ChatConnectInput } from '../contract/chat';
import type { ChatServiceHooks } from './chatFeed';
import type { ChatService } from './chatService';
import { PlatformChatService } from './platform/platformAdapter';
import { HttpBusinessServer } from './tencent/businessServer';
import type { TencentChatModule } from './tencent/sdkShape';
import { TencentChatService } from './tencent/tencentAdapter';

async function loadTencentSdk(): Promise<TencentChatModule> {
  // The SDK's network layer expects a browser WebSocket; Node 20 has none, so ws stands in (untested
  // against the real cloud here: Tencent is unreachable from this machine).
  const g = globalThis as { WebSocket?: unknown };
  g.WebSocket ??= WebSocket;
  const mod = (await import('@tencentcloud/chat')) as unknown as { default: TencentChatModule };
  return mod.default;
}

/**
 * The chat backends, with the Tencent SDK module a studio was built with: the real @tencentcloud/chat unless
 * createStudio was handed another (tests hand a stand-in, the only way one reaches the studio).
 */
export function chatServiceFactory(
  tencentSdk?: TencentChatModule,
): (input: ChatConnectInput, hooks?: ChatServiceHooks) => Promise<ChatService> {
  return (input, hooks) => createChatService(input, tencentSdk, hooks);
}

export async function createChatService(
  input: ChatConnectInput,
  tencentSdk?: TencentChatModule,
  hooks?: ChatServiceHooks,
): Promise<ChatService> {
  if (input.mode === 'platform') {
    return new PlatformChatService({
      ...(hooks ? { openSocket: hooks.openSocket } : {}),
      platformUrl: input.platformUrl,
      token: input.token,
      userId: input.userId,
      groupId: input.roomId,
      ...(input.imUrl ? { imUrl: input.imUrl } : {}),
    });
  }
  return new TencentChatService({
    sdk: tencentSdk ?? (await loadTencentSdk()),
    sdkAppId: input.sdkAppId,
    userId: input.userId,
    userSig: input.userSig,
    groupId: input.groupId,
    createRoom: input.createRoom,
    ...(input.imAdmin ? { adminUserId: input.imAdmin } : {}),
    ...(input.businessUrl ? { business: new HttpBusinessServer(input.businessUrl, input.businessToken ?? '') } : {}),
  });
}
