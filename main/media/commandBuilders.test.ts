// The pure command builders: expected argument lists and filter graphs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Scene } from '../contract/scene';
import { beautyCommands, lumaExpression, neutralBeauty } from './beautyFilter';
import { encoderStageArgs, videoCodecArgs } from './encoderCommand';
import { escapeFilterValue } from './filterEscape';
import { recordArgs } from './outputCommands';
import { customPreset, presets } from './presets';
import { buildCompositor, type CompositorOptions } from './sceneGraph';
import { canvasClock, liveSoundClock } from './compositorClock';
import { diffScene, shapeKey } from './sceneDiff';
import { cameraInput, microphoneInput, screenInput } from './sourceInputs';
import { sceneItem as item } from '../../testSupport/media';

const scene: Scene = {
  id: 'a',
  name: 'A',
  items: [
    item('cam', { kind: 'camera', deviceId: 'test', beauty: true }, { x: 0, y: 0, width: 320, height: 180 }),
    item('img', { kind: 'image', path: '/tmp/logo.png' }, { x: 10, y: 20, width: 64, height: 36 }),
    item(
      'txt',
      { kind: 'text', text: 'Hi', live: false, fontSize: 20, color: '#ffffff' },
      { x: 0, y: 140, width: 320, height: 40 },
    ),
  ],
};
const opts = (s: Scene): CompositorOptions => ({
  scene: s,
  width: 320,
  height: 180,
  fps: 30,
  platform: 'linux',
  beauty: neutralBeauty,
  safetyMask: 'none',
  textDir: '/tmp/t',
  guestUrls: {},
  placeholders: {},
  microphone: null,
});

describe('encoder stage', () => {
  it('is x264 CBR, zerolatency, a keyframe every 2 s, TS on stdout', () => {
    const args = encoderStageArgs({ preset: presets['1080p30'], encoder: 'libx264' });
    const at = (k: string) => args[args.indexOf(k) + 1];
    expect(at('-c:v')).toBe('libx264');
    expect(at('-tune')).toBe('zerolatency');
    expect(at('-b:v')).toBe('4500k');
    expect(at('-maxrate')).toBe('4500k');
    expect(at('-g')).toBe('60');
    expect(at('-x264-params')).toBe('nal-hrd=cbr:force-cfr=1');
    expect(args.slice(-3)).toEqual(['-mpegts_pmt_start_pid', '4096', 'pipe:1']);
    expect(args).toContain('pipe:3');
  });

  it('keeps the GOP at 2 s at 60 fps and scales bitrates for small test sizes', () => {
    expect(videoCodecArgs('libx264', presets['1080p60'])).toContain('120');
    expect(customPreset('720p30', 320, 180).videoKbps).toBeGreaterThanOrEqual(300);
  });
});

describe('outputs', () => {
  it('record writes flushed fragmented MP4 segments', () => {
    const args = recordArgs({ pattern: '/r/vj-%03d.mp4', listFile: '/r/.vj.csv', segmentSeconds: 3600 });
    expect(args).toContain('movflags=+frag_keyframe+empty_moov+default_base_moof:frag_duration=500000:flush_packets=1');
    expect(args[args.indexOf('-segment_time') + 1]).toBe('3600');
    expect(args[args.length - 1]).toBe('/r/vj-%03d.mp4');
  });
});

describe('sources per OS', () => {
  it('builds camera, microphone and screen inputs', () => {
    expect(cameraInput('v4l2:/dev/video0', 30)).toEqual(['-f', 'v4l2', '-framerate', '30', '-i', '/dev/video0']);
    expect(cameraInput('dshow:Integrated Camera', 30).slice(-2)).toEqual(['-i', 'video=Integrated Camera']);
    expect(cameraInput('avfoundation:0', 30).slice(-2)).toEqual(['-i', '0:none']);
    expect(microphoneInput('avfoundation:1').slice(-2)).toEqual(['-i', 'none:1']);
    expect(microphoneInput('pulse:default')).toEqual(['-f', 'pulse', '-i', 'default']);
    expect(screenInput('linux', ':0', 30, { x: 10, y: 20, width: 640, height: 360 }).slice(-4)).toEqual([
      '-video_size',
      '640x360',
      '-i',
      ':0.0+10,20',
    ]);
    expect(screenInput('win32', '', 30).slice(-2)).toEqual(['-i', 'desktop']);
    expect(() => cameraInput('nope', 30)).toThrow(/device id/);
  });
});

describe('compositor graph', () => {
  it('runs the canvas at the program rate without an fps filter holding the frame behind the drawing', () => {
    // A source generated at the program's rate needs none (an fps filter's kept reference makes the first
    // drawing filter copy every frame); a device gets one right after its source, before beauty.
    expect(buildCompositor(opts(scene)).filterGraph).not.toContain('fps=');
    const device: Scene = {
      ...scene,
      items: [{ ...scene.items[0]!, source: { kind: 'camera', deviceId: 'v4l2:/dev/video0', beauty: true } }],
    };
    const graph = buildCompositor(opts(device)).filterGraph;
    expect(graph).toMatch(/scale=320:180,format=yuv420p,fps=30\[src0\];\[src0\]extractplanes/);
    // The canvas is then only paced and timed (compositorClock.ts), no fps filter.
    expect(graph).toContain(`[bty0]${canvasClock()}[cv0]`);
  });

  it('draws the items in order with named overlays, beauty on the camera, the safety stage last', () => {
    const plan = buildCompositor(opts(scene));
    expect(plan.targets.cam).toMatchObject({ overlay: null, beauty: true });
    expect(plan.targets.img?.overlay).toBe('overlay@ov1');
    expect(plan.filterGraph).toMatch(/lut2@beauty0=.*hflip@mirror0=enable=0/);
    expect(plan.filterGraph).toContain('[cv0][src1]overlay@ov1=x=10:y=20:eof_action=repeat:enable=1[cv2]');
    expect(plan.filterGraph.indexOf('boxblur@safety_blur')).toBeGreaterThan(plan.filterGraph.indexOf('overlay@ov2'));
    expect(plan.filterGraph).toContain('expansion=none');
    expect(plan.args.slice(-1)).toEqual(['pipe:3']);
  });

  it('puts a placeholder where a guest is absent or a device is lost', () => {
    const s: Scene = {
      ...scene,
      items: [
        ...scene.items,
        item('g', { kind: 'cohost', guestUserId: 'u1' }, { x: 200, y: 0, width: 120, height: 68 }),
      ],
    };
    expect(buildCompositor(opts(s)).filterGraph).toContain('Waiting for guest');
    const lost = buildCompositor({ ...opts(scene), placeholders: { cam: 'Camera lost' } });
    expect(lost.filterGraph).toContain('Camera lost');
    expect(lost.targets.cam?.beauty).toBe(false);
  });

  it("mixes a co-host guest's voice unless the guest is muted; a mute rebuilds the graph", () => {
    const guest = (muted: boolean) =>
      item(
        'g',
        { kind: 'cohost', guestUserId: 'u1' },
        { x: 200, y: 0, width: 120, height: 68 },
        { audio: { gainDb: 0, muted, noiseSuppression: false } },
      );
    const on: Scene = { ...scene, items: [...scene.items, guest(false)] };
    const off: Scene = { ...scene, items: [...scene.items, guest(true)] };
    const urls = { guestUrls: { u1: 'rtmp://127.0.0.1/live/g' } };
    // Live, the guest's sound is timed on arrival like their picture, and the program mix is timed ahead for it.
    const graph = buildCompositor({ ...opts(on), ...urls }).filterGraph;
    expect(graph).toContain(`[1:a]${liveSoundClock(48000)},aformat`);
    expect(graph).toMatch(
      /aformat=sample_fmts=s16:sample_rates=48000:channel_layouts=stereo,asetpts=PTS\+0\.2\/TB\[aout\]/,
    );
    expect(buildCompositor({ ...opts(on), ...urls, realtime: false }).filterGraph).toMatch(
      /\[1:a\]asetpts=PTS-STARTPTS,aresample=48000:async=1000,aformat/,
    );
    expect(buildCompositor({ ...opts(off), ...urls }).filterGraph).not.toContain('[1:a]');
    expect(shapeKey(on, 320, 180)).not.toBe(shapeKey(off, 320, 180));
  });

  it('escapes paths twice for the filtergraph: ffmpeg reads a text file from an awkward folder', () => {
    const dir = mkdtempSync(join(tmpdir(), "it's, [odd]; a:b "));
    const file = join(dir, 'text.txt');
    writeFileSync(file, 'hello');
    const r = spawnSync('ffmpeg', [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      `color=s=64x32,drawtext=textfile=${escapeFilterValue(file)}:expansion=none`,
      '-frames:v',
      '1',
      '-f',
      'null',
      '-',
    ]);
    expect(r.stderr.toString()).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('scene diff', () => {
  const plan = buildCompositor(opts(scene));
  it('turns moves, visibility and text into commands', () => {
    const next: Scene = {
      ...scene,
      items: scene.items.map((i) =>
        i.id === 'img'
          ? { ...i, rect: { ...i.rect, x: 100 }, visible: false }
          : i.id === 'txt' && i.source.kind === 'text'
            ? { ...i, source: { ...i.source, text: 'Bye' } }
            : i,
      ),
    };
    const d = diffScene(scene, next, plan.targets, 320, 180);
    expect(d.kind).toBe('commands');
    if (d.kind === 'commands') {
      expect(d.commands).toEqual([
        { target: 'overlay@ov1', command: 'x', arg: '100' },
        { target: 'overlay@ov1', command: 'enable', arg: '0' },
      ]);
      expect(d.texts.map((t) => t.id)).toEqual(['txt']);
    }
  });

  it('rebuilds for a new shape: a resize, a new item, the base item moving', () => {
    const resized: Scene = {
      ...scene,
      items: scene.items.map((i) => (i.id === 'img' ? { ...i, rect: { ...i.rect, width: 80 } } : i)),
    };
    expect(diffScene(scene, resized, plan.targets, 320, 180).kind).toBe('rebuild');
    expect(diffScene(scene, { ...scene, items: scene.items.slice(0, 2) }, plan.targets, 320, 180).kind).toBe('rebuild');
    const movedBase: Scene = {
      ...scene,
      items: scene.items.map((i) => (i.id === 'cam' ? { ...i, rect: { ...i.rect, x: 5 } } : i)),
    };
    expect(diffScene(scene, movedBase, plan.targets, 320, 180).kind).toBe('rebuild');
    expect(diffScene(scene, scene, plan.targets, 320, 180).kind).toBe('unchanged');
  });
});

describe('beauty', () => {
  it('is the identity at level 0 and fits a stdin command at level 9', () => {
    expect(lumaExpression(neutralBeauty)).toBe('x');
    const max = { smoothing: 9, whitening: 9, ruddiness: 9, sharpness: 9, mirror: true };
    expect(lumaExpression(max).length).toBeLessThan(255);
  });

  it('sends only what changed: one plane per level, enable for the mirror', () => {
    expect(beautyCommands(0, neutralBeauty, { ...neutralBeauty, ruddiness: 4 })).toEqual([
      { target: 'lut@ruddy0', command: 'c0', arg: 'clip(val+6.4,16,240)' },
    ]);
    expect(beautyCommands(0, neutralBeauty, { ...neutralBeauty, mirror: true })).toEqual([
      { target: 'hflip@mirror0', command: 'enable', arg: '1' },
    ]);
    expect(
      beautyCommands(2, neutralBeauty, { ...neutralBeauty, smoothing: 5 }).map((c) => `${c.target} ${c.command}`),
    ).toEqual(['lut2@beauty2 c0']);
  });
});
