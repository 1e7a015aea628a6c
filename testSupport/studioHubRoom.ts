// A studio on the real platform's chat hub through a loopback relay (so a test can cut its socket), a viewer in the
// room who says lines over the real hub, and how many text lines of a user the studio's SQLite holds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStudio, type Studio } from '../main/app';
import type { HubOptions } from '../platform/im/hub';
import { createdRoomSchema } from '../common/platformApi/schemas';
import { api, ChatClient, signUp, tempPlatform } from './platform';
import { callStudio } from './studioCalls';
import { startTcpRelay, type TcpRelay } from './tcpRelay';

export interface StudioBehindRelay {
  platform: Awaited<ReturnType<typeof tempPlatform>>;
  relay: TcpRelay;
  studio: Studio;
  close(): Promise<void>;
}

export async function studioBehindRelay(chat: HubOptions): Promise<StudioBehindRelay> {
  const platform = await tempPlatform({ heartbeatSeconds: 600, chat });
  const relay = await startTcpRelay(Number(new URL(platform.httpUrl).port));
  const dir = mkdtempSync(join(tmpdir(), 'studio-hub-'));
  const studio = await createStudio({ dataDir: dir, runtime: 'headless', appVersion: '0.0.0', log: () => {} });
  return {
    platform,
    relay,
    studio,
    close: async () => {
      await studio.close();
      await relay.close();
      await platform.cleanup();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A host's new room, its chat connected in the studio through the relay; answers the room's group id. */
export async function hostRoomThroughRelay(setup: StudioBehindRelay, host: string): Promise<string> {
  const { platform, relay, studio } = setup;
  const vj = await signUp(platform.httpUrl, host, host);
  const created = await api(platform.httpUrl, 'POST', '/api/v1/rooms', { title: host }, vj.token);
  const { groupId } = createdRoomSchema.parse(created.body);
  await callStudio(studio, 'chat.connect', {
    mode: 'platform',
    platformUrl: relay.url,
    token: vj.token,
    userId: vj.userId,
    roomId: groupId,
  });
  return groupId;
}

export interface RoomViewer {
  userId: string;
  client: ChatClient;
  say(text: string): void;
}

export async function viewerInRoom(
  platform: { httpUrl: string; imUrl: string },
  groupId: string,
  name: string,
): Promise<RoomViewer> {
  const account = await signUp(platform.httpUrl, name, name);
  const client = await ChatClient.connect(platform.imUrl, account.token);
  const joined = await client.request({ type: 'join', groupId });
  if (joined.type !== 'joined') throw new Error(`the viewer could not join: ${JSON.stringify(joined)}`);
  return {
    userId: account.userId,
    client,
    say: (text) => client.send({ type: 'send', groupId, elem: { type: 'TIMTextElem', payload: { text } } }),
  };
}

export function storedTextLines(studio: Studio, userId: string): number {
  return (
    studio.storage.db
      .prepare(`SELECT COUNT(*) AS c FROM chat_messages WHERE user_id = ? AND kind = 'text'`)
      .get(userId) as { c: number }
  ).c;
}
