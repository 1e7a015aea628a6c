// The in-process push against real parts: MPEG-TS that real ffmpeg wrote, checked against ffprobe, and
// publishes to a real RTMP server (node-media-server with its own publish auth) and to ports that are not one.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaError } from '../ffmpegErrors';
import { freePort, RtmpTestServer } from '../../../testSupport/rtmpTestServer';
import { RtmpPublisher } from './rtmpPublisher';
import { TsDemuxer, type AccessUnit } from './tsDemux';

const run = (cmd: string, args: string[]) =>
  new Promise<string>((resolve, reject) =>
    execFile(cmd, args, { maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${cmd} failed: ${String(stderr)}`)) : resolve(String(stdout)),
    ),
  );

const dir = mkdtempSync(join(tmpdir(), 'rtmp-it-'));

/** H.264 with B-frames (so PTS and DTS differ) and AAC, as MPEG-TS, 2 s GOPs. */
async function makeTs(name: string, seconds: number, extra: string[] = []): Promise<string> {
  const file = join(dir, name);
  await run('ffmpeg', [
    ...['-v', 'error', '-f', 'lavfi', '-i', `testsrc2=size=320x180:rate=30:duration=${seconds}`],
    ...['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=44100:duration=${seconds}`, '-ac', '2'],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-bf', '2', '-g', '60', '-c:a', 'aac', '-b:a', '96k'],
    ...extra,
    ...['-f', 'mpegts', '-y', file],
  ]);
  return file;
}

interface ProbedPacket {
  dts: number;
  pts: number;
  key: boolean;
}

async function probe(file: string, stream: 'v:0' | 'a:0'): Promise<ProbedPacket[]> {
  const out = await run('ffprobe', [
    '-v',
    'error',
    '-select_streams',
    stream,
    '-show_entries',
    'packet=dts,pts,flags',
    '-of',
    'csv=p=0',
    file,
  ]);
  return out
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const [pts, dts, flags] = l.split(',');
      return { pts: Number(pts) / 90, dts: Number(dts) / 90, key: (flags ?? '').includes('K') };
    });
}

const PROFILE_IDC: Record<string, number> = { 'Constrained Baseline': 66, Baseline: 66, Main: 77, High: 100 };

function demux(file: string, piece: number): { units: AccessUnit[]; demuxer: TsDemuxer } {
  const units: AccessUnit[] = [];
  const demuxer = new TsDemuxer((u) => units.push(u));
  const bytes = readFileSync(file);
  for (let at = 0; at < bytes.length; at += piece) demuxer.push(bytes.subarray(at, at + piece));
  demuxer.flush();
  return { units, demuxer };
}

describe('MPEG-TS from real ffmpeg to FLV access units', () => {
  it('gives the same frames, keyframes and times as ffprobe, whatever size the pieces arrive in', async () => {
    const file = await makeTs('plain.ts', 6);
    const [video, audio] = await Promise.all([probe(file, 'v:0'), probe(file, 'a:0')]);
    const streams = JSON.parse(
      await run('ffprobe', [
        '-v',
        'error',
        '-show_entries',
        'stream=profile,sample_rate,channels',
        '-of',
        'json',
        file,
      ]),
    ) as { streams: { profile?: string; sample_rate?: string; channels?: number }[] };
    for (const piece of [100, 188 * 7, 65536]) {
      const { units, demuxer } = demux(file, piece);
      const v = units.filter((u) => u.kind === 'video');
      const a = units.filter((u) => u.kind === 'audio');
      expect(v.map((u) => [Math.round(u.dts), Math.round(u.pts), u.keyframe])).toEqual(
        video.map((p) => [Math.round(p.dts), Math.round(p.pts), p.key]),
      );
      expect(a).toHaveLength(audio.length);
      a.forEach((u, i) => expect(Math.abs(u.dts - (audio[i] as ProbedPacket).dts)).toBeLessThan(1));
      expect(v.filter((u) => u.keyframe)).toHaveLength(3);
      // Length-prefixed NAL units only: every unit's lengths add up to its size exactly.
      for (const u of v) {
        let at = 0;
        while (at < u.data.length) at += 4 + u.data.readUInt32BE(at);
        expect(at).toBe(u.data.length);
      }
      const { avcC, asc, sampleRate, channels } = demuxer.config;
      expect(avcC?.[0]).toBe(1);
      expect(avcC?.[1]).toBe(PROFILE_IDC[streams.streams[0]?.profile ?? '']);
      expect(sampleRate).toBe(Number(streams.streams[1]?.sample_rate));
      expect(channels).toBe(streams.streams[1]?.channels);
      expect(asc ? (asc[0] as number) >> 3 : 0).toBe(2); // AAC LC
    }
    console.log(`demuxed ${video.length} video and ${audio.length} audio frames, matching ffprobe`);
  }, 60000);

  it('keeps time running forward across the 33-bit MPEG clock wrap (26.5 hours into a stream)', async () => {
    const wrapSeconds = 2 ** 33 / 90000;
    const file = await makeTs('wrap.ts', 4, ['-output_ts_offset', String(wrapSeconds - 2 - 1.4)]);
    const { units } = demux(file, 188 * 50);
    const v = units.filter((u) => u.kind === 'video');
    // The file's clock starts 3.4 s before the wrap and runs 4 s: its last frames carry small raw times.
    const wrapMs = wrapSeconds * 1000;
    expect(v[0]?.dts).toBeGreaterThan(wrapMs - 4000);
    expect(v.at(-1)?.dts).toBeGreaterThan(wrapMs);
    for (let i = 1; i < v.length; i++)
      expect((v[i] as AccessUnit).dts - (v[i - 1] as AccessUnit).dts).toBeCloseTo(1000 / 30, 0);
    expect(v.every((u) => u.kind === 'video' && u.pts >= u.dts)).toBe(true);
  }, 60000);
});

/** Whichever comes first: Publish.Start, or the error that ended the connection. */
function closedWith(p: RtmpPublisher): Promise<MediaError | 'publishing'> {
  return new Promise((resolve) => {
    p.once('publishing', () => resolve('publishing'));
    p.once('closed', (e) => resolve(e));
  });
}

const closed = (p: RtmpPublisher) => new Promise<MediaError>((resolve) => p.once('closed', resolve));

describe('publishing to a real RTMP server', () => {
  let server: RtmpTestServer;
  const silent: Server[] = [];
  beforeAll(async () => {
    server = await RtmpTestServer.create({ publishSecret: 'studio-test-secret' });
  }, 30000);
  afterAll(async () => {
    await server?.kill();
    for (const s of silent) s.close();
  });

  it('publishes with a key the server signed, and closes politely', async () => {
    const p = new RtmpPublisher(server.signedUrl('live/signed')).open();
    expect(await closedWith(p)).toBe('publishing');
    expect(p.publishing).toBe(true);
    await p.close();
    expect(server.log).toContain('/live/signed');
  });

  it('says the stream key was refused when the server will not take the publish', async () => {
    // This server says Publish.Start, checks the key, then hangs up: that is a refusal, not a lost network.
    const p = new RtmpPublisher(`${server.url('live/unsigned')}?sign=1-bad`).open();
    const e = await closed(p);
    expect(e).toMatchObject({ code: 'bad_stream_key' });
    expect(e.message).toMatch(/stream key/);
  });

  it('says the connection was refused when nothing listens at the address', async () => {
    const p = new RtmpPublisher(`rtmp://127.0.0.1:${await freePort()}/live/x`).open();
    expect(await closedWith(p)).toMatchObject({ code: 'connection_refused' });
  });

  it('times out on a server that accepts and never answers, and names what is not RTMP', async () => {
    const mute = createServer(() => {});
    const http = createServer((s) => s.end('HTTP/1.1 400 Bad Request\r\n\r\n'.padEnd(3200, ' ')));
    silent.push(mute, http);
    const ports = await Promise.all(
      [mute, http].map(
        (s) => new Promise<number>((r) => s.listen(0, '127.0.0.1', () => r((s.address() as { port: number }).port))),
      ),
    );
    const slow = await closedWith(new RtmpPublisher(`rtmp://127.0.0.1:${ports[0]}/live/x`, { timeoutMs: 400 }).open());
    expect(slow).toMatchObject({ code: 'timeout' });
    const web = await closedWith(new RtmpPublisher(`rtmp://127.0.0.1:${ports[1]}/live/x`).open());
    expect((web as MediaError).message).toMatch(/is not an RTMP server/);
  });

  it('publishes over RTMPS to a server that proves its name, and refuses one whose certificate it cannot trust', async () => {
    // A TLS front for the real server, with a certificate made for this test (as an ingest's TLS terminator).
    const key = join(dir, 'ingest.key');
    const cert = join(dir, 'ingest.crt');
    await run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost',
    ]);
    expect(existsSync(cert)).toBe(true);
    const front = createTlsServer({ key: readFileSync(key), cert: readFileSync(cert) }, (tls) => {
      const plain = connect(server.port, '127.0.0.1');
      tls.pipe(plain).pipe(tls);
      const end = () => (tls.destroy(), plain.destroy());
      tls.on('error', end);
      plain.on('error', end);
      plain.on('close', end);
    });
    silent.push(front as unknown as Server);
    const port = await new Promise<number>((r) =>
      front.listen(0, '127.0.0.1', () => r((front.address() as { port: number }).port)),
    );
    const url = `rtmps://localhost:${port}/live/secure?${server.signedUrl('live/secure').split('?')[1]}`;
    const trusted = new RtmpPublisher(url, { ca: readFileSync(cert) }).open();
    expect(await closedWith(trusted)).toBe('publishing');
    await trusted.close();
    expect(server.log).toContain('/live/secure');
    const untrusted = await closedWith(new RtmpPublisher(url).open());
    expect(untrusted).toMatchObject({ code: 'bad_address' });
    expect((untrusted as MediaError).message).toMatch(/did not prove it is "localhost"/);
  }, 30000);
});
