// The studio's readers are derived from the platform's one HTTP contract: what the contract declares, they read.
import { describe, expect, it } from 'vitest';
import {
  createdRoomSchema,
  guestStreamSchema,
  heartbeatResponseSchema,
  liveRoomsSchema,
  meSchema,
  endRoomResponseSchema,
  sessionSchema,
} from '../../common/platformApi/schemas';
import * as read from './answerReaders';

const playUrls = { flv: 'http://127.0.0.1/live/r1.flv', hls: 'http://127.0.0.1/live/r1.m3u8' };

describe("the studio's readers of the platform's answers", () => {
  it('read every answer exactly as the contract declares it', () => {
    const session = sessionSchema.parse({
      token: 'tok',
      userId: 'vj',
      nickname: 'VJ',
      sdkAppId: 1400000000,
      userSig: 'sig',
      userSigExpiresAt: 1_900_000_000,
      imUrl: 'ws://127.0.0.1:1/im',
      mode: 'local',
    });
    expect(read.sessionAnswer.parse(session)).toEqual({
      token: 'tok',
      sdkAppId: 1400000000,
      userSig: 'sig',
      userSigExpiresAt: 1_900_000_000,
      imUrl: 'ws://127.0.0.1:1/im',
    });
    expect(read.meAnswer.parse(meSchema.parse({ userId: 'vj', nickname: 'VJ', balance: 5 }))).toEqual({
      userId: 'vj',
      nickname: 'VJ',
      balance: 5,
    });
    const room = createdRoomSchema.parse({ roomId: 'r1', groupId: 'g1', pushUrl: 'rtmp://x/live/r1', playUrls });
    expect(read.roomAnswer.parse(room)).toEqual({ roomId: 'r1', groupId: 'g1', pushUrl: 'rtmp://x/live/r1', playUrls });
    const rooms = liveRoomsSchema.parse({
      rooms: [
        {
          roomId: 'r1',
          groupId: 'g1',
          title: 'Friday',
          host: { userId: 'vj', nickname: 'VJ' },
          viewerCount: 3,
          startedAt: '2026-12-07T00:00:00Z',
          streamUp: true,
          playUrls,
        },
      ],
    });
    expect(read.roomsAnswer.parse(rooms).rooms[0]).toMatchObject({
      roomId: 'r1',
      groupId: 'g1',
      viewerCount: 3,
      streamUp: true,
    });
    const figures = {
      durationSec: 5,
      peakViewers: 2,
      uniqueViewers: 2,
      likes: 3,
      gifts: 1,
      giftValue: 10,
      messages: 4,
    };
    const ended = endRoomResponseSchema.parse({
      stats: { ...figures, topGifters: [{ userId: 'fan', nickname: 'Fan', value: 10, gifts: 1 }] },
    });
    expect(read.endAnswer.parse(ended).stats).toEqual(ended.stats);
    const beat = heartbeatResponseSchema.parse({ ok: true, nextInSeconds: 10, likes: 3, gifts: 1, giftValue: 10 });
    expect(read.heartbeatAnswer.parse(beat)).toMatchObject({ likes: 3, gifts: 1, giftValue: 10 });
    const guest = guestStreamSchema.parse({
      streamName: 'g',
      pushUrl: 'rtmp://x/live/g',
      pushExpiresAt: 1,
      pullUrl: 'rtmp://x/live/g',
      playUrls,
      whipUrl: 'http://127.0.0.1/whip',
    });
    expect(read.guestStreamAnswer.parse(guest)).toEqual({
      pushUrl: 'rtmp://x/live/g',
      pullUrl: 'rtmp://x/live/g',
      playUrls,
      whipUrl: 'http://127.0.0.1/whip',
    });
  });

  it("read leniently where another server's version may differ, and refuse what they cannot use", () => {
    expect(read.roomAnswer.parse({ roomId: 7, pushUrl: 'rtmp://x/live/7' })).toEqual({
      roomId: '7',
      groupId: '',
      pushUrl: 'rtmp://x/live/7',
      playUrls: {},
    });
    expect(read.roomsAnswer.parse([{ roomId: 7 }]).rooms[0]).toMatchObject({ roomId: '7', title: '' });
    expect(read.endAnswer.parse({ stats: {} }).stats).toMatchObject({ durationSec: 0, likes: 0, giftValue: 0 });
    expect(read.sessionAnswer.safeParse({ token: '', sdkAppId: '1', userSig: 's' }).success).toBe(false);
    expect(read.roomAnswer.safeParse({ roomId: 'r', pushUrl: '' }).success).toBe(false);
    expect(read.roomsAnswer.safeParse({ weird: true }).success).toBe(false);
  });
});
