// An on-stream test's show: a studio live in cloud mode on the real platform, its chat joined as the VJ and
// its program pulled back from the room's own viewer stream, as a viewer would see it.
import type { Studio } from '../main/app';
import { FramePuller } from './media';
import { api } from './platform';
import { callStudio, until } from './studioCalls';

export interface OnAirShow {
  roomId: string;
  groupId: string;
  /** The room's viewer stream, pulled at width x height; the caller stops it. */
  puller: FramePuller;
}

/** Goes live as `userId` (password 'secret-pw'), joins the room's chat and waits for 30 pulled frames. */
export async function goLiveAndPull(
  httpUrl: string,
  studio: Studio,
  show: { userId: string; title: string; width: number; height: number },
): Promise<OnAirShow> {
  const live = await callStudio<{ roomId: string }>(studio, 'session.goLive', { title: show.title, record: false });
  const room = await api<{ groupId: string; playUrls: { flv: string } }>(
    httpUrl,
    'GET',
    `/api/v1/rooms/${live.roomId}`,
  );
  const vj = await api<{ token: string }>(httpUrl, 'POST', '/api/v1/sessions', {
    userId: show.userId,
    password: 'secret-pw',
  });
  await callStudio(studio, 'chat.connect', {
    mode: 'platform',
    platformUrl: httpUrl,
    token: vj.body.token,
    userId: show.userId,
    roomId: room.body.groupId,
  });
  await until('chat connected', () => studio.chat.status().state === 'connected', 20_000);
  const puller = new FramePuller(room.body.playUrls.flv, show.width, show.height);
  try {
    await puller.waitFrames(30, 30_000);
  } catch (e) {
    puller.stop();
    throw e;
  }
  return { roomId: live.roomId, groupId: room.body.groupId, puller };
}
