// The platform's content safety on a real platform: a studio's report flags its room, Tencent's moderation
// callback is verified and acted on, only operators read the console's list and end a room, and the
// platform's own sampler pulls a real pushed stream (ffmpeg → RTMP ingest → FLV → ffmpeg) and flags it.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScriptedClassifier } from '../../testSupport/scriptedClassifier';
import { defaultFfmpegLocation } from '../../common/ffmpeg/ffmpegLocator';
import { api, signIn, signUp, tempPlatform } from '../../testSupport/platform';
import { lavfiPushArgs } from '../../testSupport/lavfiPushArgs';
import { startImRestStandIn, type ImRestStandIn } from '../../testSupport/imRestStandIn';

const loc = defaultFfmpegLocation();
const ffmpeg = loc.found ? loc.path : 'ffmpeg';
const explicit = { drawing: 0.01, hentai: 0.02, neutral: 0.03, porn: 0.93, sexy: 0.01 };
const CALLBACK_KEY = 'callback-key-for-tests';

type Platform = Awaited<ReturnType<typeof tempPlatform>>;
let local: Platform;
let cloud: Platform;
let tencent: ImRestStandIn | undefined;
const CLOUD_APP_ID = 1400777002;
const CLOUD_SECRET = 'safety-cloud-secret-0123456789abcdef0123456789';
let operatorToken: string;
const scripted = new ScriptedClassifier([explicit]);

beforeAll(async () => {
  [local, cloud] = await Promise.all([
    tempPlatform({
      log: (l) => process.env.DEBUG_SAFETY && console.log(l),
      operators: [{ userId: 'op_safety', password: 'secret-pw' }],
      safety: { sampleSeconds: 0.5, createClassifier: () => scripted },
    }),
    // Cloud mode creates each room's IM group through IM REST, which here is the stand-in.
    startImRestStandIn({ sdkAppId: CLOUD_APP_ID, secretKey: CLOUD_SECRET }).then(async (im) => {
      tencent = im;
      return tempPlatform({
        sdkAppId: CLOUD_APP_ID,
        secretKey: CLOUD_SECRET,
        cloud: {
          pushDomain: 'push.example.invalid',
          pushKey: 'k'.repeat(32),
          callbackKey: CALLBACK_KEY,
          imApiBase: im.url,
          retryDelaysMs: [20],
        },
      });
    }),
  ]);
  operatorToken = (await signIn(local.httpUrl, 'op_safety')).token;
});
afterAll(async () => {
  await Promise.all([local?.cleanup(), cloud?.cleanup()]);
  await tencent?.close();
});

async function room(base: string, user: string) {
  const s = await signUp(base, user);
  const r = await api<{ roomId: string; pushUrl: string }>(
    base,
    'POST',
    '/api/v1/rooms',
    { title: `Room of ${user}` },
    s.token,
  );
  return { token: s.token, roomId: r.body.roomId, pushUrl: r.body.pushUrl };
}

function signed(body: Record<string, unknown>, t = Math.floor(Date.now() / 1000) + 600) {
  return {
    t,
    sign: createHash('md5')
      .update(CALLBACK_KEY + String(t))
      .digest('hex'),
    ...body,
  };
}

describe('platform content safety', () => {
  it("takes a studio's report on its own room only, and lists it for operators only", async () => {
    const vj = await room(local.httpUrl, 'vj_report');
    const other = await signUp(local.httpUrl, 'someone_else');
    const report = {
      roomId: vj.roomId,
      at: Date.now(),
      origin: 'studio',
      sourceId: 'program',
      className: 'porn',
      score: 0.93,
      action: 'slate',
      message: 'Your output looks like porn (93%).',
    };
    expect((await api(local.httpUrl, 'POST', '/api/v1/safety/events', report, other.token)).status).toBe(403);
    expect((await api(local.httpUrl, 'POST', '/api/v1/safety/events', { ...report, score: 7 }, vj.token)).status).toBe(
      400,
    );
    expect((await api(local.httpUrl, 'POST', '/api/v1/safety/events', report, vj.token)).status).toBe(200);

    expect((await api(local.httpUrl, 'GET', '/api/v1/safety/rooms', undefined, vj.token)).status).toBe(403);
    const op = { token: operatorToken };
    const list = await api<{ rooms: { roomId: string; safety: { level: string; origin: string } | null }[] }>(
      local.httpUrl,
      'GET',
      '/api/v1/safety/rooms',
      undefined,
      op.token,
    );
    expect(list.body.rooms.find((r) => r.roomId === vj.roomId)?.safety).toMatchObject({
      level: 'flagged',
      origin: 'studio',
    });

    expect(
      (await api(local.httpUrl, 'POST', `/api/v1/safety/rooms/${vj.roomId}/end`, undefined, vj.token)).status,
    ).toBe(403);
    expect(
      (await api(local.httpUrl, 'POST', `/api/v1/safety/rooms/${vj.roomId}/end`, undefined, op.token)).status,
    ).toBe(200);
    const after = await api<{ rooms: { roomId: string }[] }>(
      local.httpUrl,
      'GET',
      '/api/v1/safety/rooms',
      undefined,
      op.token,
    );
    expect(after.body.rooms.map((r) => r.roomId)).not.toContain(vj.roomId);
  });

  it("verifies Tencent Cloud Live's moderation callback (event_type 317) and flags the room", async () => {
    const vj = await room(cloud.httpUrl, 'vj_cloud');
    const stream = vj.pushUrl.split('?')[0]!.split('/').pop()!;
    const verdict = {
      event_type: 317,
      streamId: stream,
      channelId: stream,
      img: 'https://example.invalid/shot.jpg',
      type: [1],
      score: [97],
      suggestion: 'Block',
      label: 'Porn',
    };
    const bad = await api(cloud.httpUrl, 'POST', '/api/v1/callbacks/live-moderation', {
      ...signed(verdict),
      sign: '0'.repeat(32),
    });
    expect(bad.status).toBe(403);
    const expired = await api(
      cloud.httpUrl,
      'POST',
      '/api/v1/callbacks/live-moderation',
      signed(verdict, Math.floor(Date.now() / 1000) - 5),
    );
    expect(expired.status).toBe(403);
    expect(
      (await api(cloud.httpUrl, 'POST', '/api/v1/callbacks/live-moderation', signed({ event_type: 1 }))).status,
    ).toBe(400);
    const ok = await api(cloud.httpUrl, 'POST', '/api/v1/callbacks/live-moderation', signed(verdict));
    expect(ok).toMatchObject({ status: 200, body: { code: 0 } });
    // Not configured: refused plainly.
    expect((await api(local.httpUrl, 'POST', '/api/v1/callbacks/live-moderation', signed(verdict))).status).toBe(404);
  });

  it('samples a real pushed stream from its own ingest and flags the room', async () => {
    const vj = await room(local.httpUrl, 'vj_sampled');
    const push: ChildProcess = spawn(
      ffmpeg,
      lavfiPushArgs(vj.pushUrl, {
        video: 'testsrc=size=320x180:rate=15:duration=25',
        audio: 'sine=frequency=440:duration=25',
        gop: 8,
      }),
      { stdio: 'ignore' },
    );
    try {
      const token = operatorToken;
      await expect
        .poll(
          async () => {
            const list = await api<{ rooms: { roomId: string; safety: { level: string; origin: string } | null }[] }>(
              local.httpUrl,
              'GET',
              '/api/v1/safety/rooms',
              undefined,
              token,
            );
            return list.status === 200 ? list.body.rooms.find((r) => r.roomId === vj.roomId)?.safety : list.body;
          },
          { timeout: 25_000, interval: 500 },
        )
        .toMatchObject({ level: 'flagged', origin: 'sampler' });
      expect(scripted.calls).toBeGreaterThanOrEqual(2);
    } finally {
      // Wait for the ingest to see the publisher go, so nothing lands on a platform that is closing.
      const stream = vj.pushUrl.split('?')[0]!.split('/').pop()!;
      const gone = new Promise<void>((done) => {
        const timer = setTimeout(done, 10_000);
        local.events.on('stream', (e) => {
          if (e.stream_id === stream && e.event_type === 0) {
            clearTimeout(timer);
            done();
          }
        });
      });
      push.kill('SIGKILL');
      await gone;
    }
  }, 40_000);
});
