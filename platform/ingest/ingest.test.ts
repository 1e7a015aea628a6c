// The embedded RTMP ingest with real ffmpeg publishing a lavfi test pattern (320x180, a few seconds).
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultFfmpegLocation } from '../../common/ffmpeg/ffmpegLocator';
import { createdRoomSchema, liveRoomSchema } from '../../common/platformApi/schemas';
import { localPushKey } from '../config';
import { api, signUp, sleep, tempPlatform } from '../../testSupport/platform';
import { lavfiPushArgs } from '../../testSupport/lavfiPushArgs';
import type { StreamEvent } from './rtmpIngest';
import { signedQuery } from './pushSign';

const run = promisify(execFile);
const loc = defaultFfmpegLocation();
const ffmpeg = loc.found ? loc.path : 'ffmpeg';
let p: Awaited<ReturnType<typeof tempPlatform>>;
let vjToken = '';
const events: StreamEvent[] = [];

beforeAll(async () => {
  p = await tempPlatform({ hls: true });
  p.events.on('stream', (e) => events.push(e));
  vjToken = (await signUp(p.httpUrl, 'vj_ingest')).token;
});
afterAll(() => p.cleanup());

function publish(url: string, seconds: number): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(
      ffmpeg,
      lavfiPushArgs(url, {
        video: `testsrc=size=320x180:rate=15:duration=${seconds}`,
        audio: `sine=frequency=440:duration=${seconds}`,
        gop: 15,
      }),
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => done({ code, stderr }));
  });
}

async function newRoom(title: string) {
  return createdRoomSchema.parse((await api(p.httpUrl, 'POST', '/api/v1/rooms', { title }, vjToken)).body);
}

describe('RTMP ingest', () => {
  it('refuses an unsigned publish, an expired one and one signed for another stream', async () => {
    const room = await newRoom('Refusals');
    const base = room.pushUrl.split('?')[0]!;
    const stream = base.split('/').pop()!;
    const key = localPushKey(readFileSync(join(p.dataDir, 'secret.key'), 'utf8').trim());
    const expired = `${base}?${signedQuery(key, stream, Math.floor(Date.now() / 1000) - 10)}`;
    const other = `${base}?${signedQuery(key, 'some_other_stream', Math.floor(Date.now() / 1000) + 600)}`;
    const results = await Promise.all([publish(base, 3), publish(expired, 3), publish(other, 3)]);
    for (const r of results) expect(r.code).not.toBe(0);
    expect(events.filter((e) => e.stream_id === stream)).toEqual([]);
    const info = liveRoomSchema.parse((await api(p.httpUrl, 'GET', `/api/v1/rooms/${room.roomId}`)).body);
    expect(info.streamUp).toBe(false);
  });

  it('accepts a signed publish, plays it back over HTTP-FLV and HLS, and reports pushed / cut off', async () => {
    const room = await newRoom('Signed');
    const stream = room.pushUrl.split('?')[0]!.split('/').pop()!;
    const publishing = publish(room.pushUrl, 7);
    const deadline = Date.now() + 10_000;
    while (!events.some((e) => e.stream_id === stream && e.event_type === 1) && Date.now() < deadline) await sleep(100);
    expect(events.find((e) => e.stream_id === stream)).toMatchObject({ event_type: 1, appname: 'live', errcode: 0 });
    expect(liveRoomSchema.parse((await api(p.httpUrl, 'GET', `/api/v1/rooms/${room.roomId}`)).body).streamUp).toBe(
      true,
    );

    const probe = await run(
      'ffprobe',
      [
        '-v',
        'error',
        '-rw_timeout',
        '5000000',
        '-show_entries',
        'stream=codec_name,width,height',
        '-of',
        'json',
        room.playUrls.flv,
      ],
      { timeout: 15_000 },
    );
    const streams = (JSON.parse(probe.stdout) as { streams: { codec_name: string; width?: number; height?: number }[] })
      .streams;
    expect(streams).toContainEqual(expect.objectContaining({ codec_name: 'h264', width: 320, height: 180 }));
    expect(streams.some((s) => s.codec_name === 'aac')).toBe(true);

    let playlist = '';
    while (Date.now() < deadline + 5000) {
      const res = await fetch(room.playUrls.hls);
      if (res.ok) {
        playlist = await res.text();
        if (playlist.includes('.ts')) break;
      }
      await sleep(300);
    }
    expect(playlist).toMatch(/#EXTM3U[\s\S]*seg_\d+\.ts/);
    const seg = /(seg_\d+\.ts)/.exec(playlist)![1]!;
    const segRes = await fetch(room.playUrls.hls.replace('index.m3u8', seg));
    expect(segRes.headers.get('content-type')).toBe('video/mp2t');
    expect((await segRes.arrayBuffer()).byteLength).toBeGreaterThan(1000);

    const result = await publishing;
    expect(result.code).toBe(0);
    const until = Date.now() + 5000;
    while (!events.some((e) => e.stream_id === stream && e.event_type === 0) && Date.now() < until) await sleep(100);
    const cut = events.find((e) => e.stream_id === stream && e.event_type === 0);
    expect(cut?.push_duration).toBeGreaterThan(3000);
    expect(liveRoomSchema.parse((await api(p.httpUrl, 'GET', `/api/v1/rooms/${room.roomId}`)).body).streamUp).toBe(
      false,
    );
  });

  it('listens on loopback only by default (HTTP and RTMP refuse other interfaces)', async () => {
    expect(p.httpUrl).toMatch(/^http:\/\/127\.0\.0\.1:/);
    expect(p.rtmpUrl).toMatch(/^rtmp:\/\/127\.0\.0\.1:/);
    const lan = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
    if (!lan) return; // no other interface on this machine: nothing more to prove
    for (const url of [p.httpUrl, p.rtmpUrl]) {
      const port = Number(new URL(url.replace('rtmp:', 'http:')).port);
      const outcome = await new Promise<string>((done) => {
        const sock = connect(port, lan);
        sock.once('connect', () => {
          sock.destroy();
          done('connected');
        });
        sock.once('error', (e: NodeJS.ErrnoException) => done(e.code ?? 'error'));
      });
      expect(outcome).toBe('ECONNREFUSED');
    }
  });

  it('refuses a publish for a room that has ended', async () => {
    const room = await newRoom('Ended');
    await api(p.httpUrl, 'POST', `/api/v1/rooms/${room.roomId}/end`, {}, vjToken);
    const r = await publish(room.pushUrl, 2);
    expect(r.code).not.toBe(0);
  });
});
