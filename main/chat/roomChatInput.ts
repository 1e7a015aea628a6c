// Which chat a signed-in account sits in for a room: the platform's chat hub, or in cloud mode the room's
// AVChatRoom on Tencent Cloud IM, signed in with a fresh UserSig the platform issues to this account.
import type { ChatConnectInput } from '../contract/chat';
import type { PlatformClient } from '../platformClient';

export interface SignedInAccount {
  client: PlatformClient;
  userId: string;
  serverUrl: string;
  imUrl: string | null;
  token: string;
}

export async function roomChatInput(signed: SignedInAccount, groupId: string): Promise<ChatConnectInput> {
  const hub = (imUrl: string | null | undefined): ChatConnectInput => ({
    mode: 'platform',
    platformUrl: signed.serverUrl,
    token: signed.token,
    userId: signed.userId,
    roomId: groupId,
    ...(imUrl ? { imUrl } : {}),
  });
  if (signed.imUrl) return hub(signed.imUrl);
  const creds = await signed.client.chatCredentials();
  if (creds.mode !== 'cloud') return hub(creds.imUrl);
  return {
    mode: 'tencent',
    sdkAppId: creds.sdkAppId,
    userSig: creds.userSig,
    userId: signed.userId,
    groupId,
    // The platform created the room's AVChatRoom with its VJ as owner: everyone, the VJ included, only joins.
    createRoom: false,
    // Per-user mutes, bans, unbans and moderators go through the platform, which holds the IM admin key.
    businessUrl: signed.serverUrl,
    businessToken: signed.token,
    imAdmin: creds.imAdmin,
  };
}
