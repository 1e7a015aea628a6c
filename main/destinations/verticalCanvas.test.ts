import { describe, expect, it } from 'vitest';
import type { Scene } from '../contract/scene';
import { sceneItem } from '../../testSupport/media';
import { derivedEncodeArgs } from './derivedEncode';
import { defaultVerticalLayout, shownRegion, verticalFilter } from './verticalCanvas';

const program = { width: 1280, height: 720 };
const canvas = { width: 720, height: 1280 };
const colour = { kind: 'testPattern', pattern: 'color', color: '#00c000', tone: false } as const;
const scene: Scene = {
  id: 's',
  name: 's',
  items: [
    sceneItem('cam', colour, { x: 0, y: 0, width: 1280, height: 720 }),
    sceneItem('logo', colour, { x: 1080, y: 20, width: 180, height: 90 }),
    sceneItem('hidden', colour, { x: 0, y: 600, width: 400, height: 100 }, { visible: false }),
    sceneItem('off', colour, { x: 2000, y: 0, width: 100, height: 100 }),
  ],
};

describe('the vertical canvas layout', () => {
  it('fills the tall canvas with the largest item and keeps the others in their corner', () => {
    const layout = defaultVerticalLayout(scene, program, canvas);
    expect(layout.map((p) => p.itemId)).toEqual(['cam', 'logo']); // hidden and off-canvas items are left out
    expect(layout[0]?.rect).toEqual({ x: 0, y: 0, width: 720, height: 1280 });
    expect(layout[1]?.rect).toMatchObject({ x: 607.5, width: 101.25, height: 50.625 });
    expect(layout[1]?.rect.y).toBeCloseTo((20 / 720) * 1280);
  });

  it('crops the camera around its centre to 9:16, then scales it once into place', () => {
    const filter = verticalFilter(scene, program, defaultVerticalLayout(scene, program, canvas), canvas);
    // 720 high at 9:16 is 405, 406 even, centred on 1280: x 437, 438 even.
    expect(filter).toContain('[base]crop=406:720:438:0,scale=720:1280[c0]');
    expect(filter).toMatch(/^split=2\[base\]\[i0\];/);
    // The logo's 2:1 cut to the 102x50 it becomes (never stretched): 88 of its 90 lines, centred.
    expect(filter).toContain('[i0]crop=180:88:1080:22,scale=102:50[p0]');
    expect(filter).toMatch(/\[c0\]\[p0\]overlay=608:36$/); // the last overlay is the output
  });

  it('lays a black canvas under items that do not fill it, and fits the whole program when nothing is shown', () => {
    const only = (itemId: string, width: number, height: number) =>
      verticalFilter(scene, program, [{ itemId, rect: { x: 0, y: 0, width, height } }], canvas);
    const filter = only('logo', 720, 360);
    expect(filter).toContain('[base]crop=2:2:0:0,scale=720:1280:flags=neighbor,drawbox=c=black:t=fill[c0]');
    expect(filter).toContain('[i0]crop=180:90:1080:20,scale=720:360[p0]');
    const nothing = only('hidden', 720, 1280);
    expect(nothing).toBe('scale=720:1280:force_original_aspect_ratio=decrease,pad=720:1280:(ow-iw)/2:(oh-ih)/2:black');
  });

  it('cuts an item to the part the program canvas shows', () => {
    expect(shownRegion({ x: -100, y: 600, width: 300, height: 300 }, program)).toEqual({
      x: 0,
      y: 600,
      width: 200,
      height: 120,
    });
    expect(shownRegion({ x: 1279, y: 0, width: 50, height: 50 }, program)).toBeNull();
  });
});

describe('a derived encode command', () => {
  const preset = { id: '720p30' as const, width: 720, height: 1280, fps: 30, videoKbps: 3000, audioKbps: 128 };
  it('reads frames of the program size and draws its picture before the encoder', () => {
    const args = derivedEncodeArgs({ preset, encoder: 'libx264' }, program, 'scale=720:1280');
    expect(args[args.indexOf('-s') + 1]).toBe('1280x720');
    expect(args.indexOf('-vf')).toBe(args.indexOf('-c:v') - 2);
    expect(args[args.indexOf('-vf') + 1]).toBe('scale=720:1280');
    expect(args[args.indexOf('-b:v') + 1]).toBe('3000k');
  });
  it("draws before VA-API's upload", () => {
    const args = derivedEncodeArgs({ preset, encoder: 'h264_vaapi' }, program, 'scale=720:1280');
    expect(args.filter((a) => a === '-vf')).toHaveLength(1);
    expect(args[args.indexOf('-vf') + 1]).toBe('scale=720:1280,format=nv12,hwupload');
  });
});
