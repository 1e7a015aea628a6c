// Overlay slots: the graph's filters once, then commands for values, a new shape for a moved text or tile layer;
// a tile layer's tiles checked pixel for pixel on real ffmpeg.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { overlayFont } from './overlayFont';
import {
  boxTiles,
  layerCommands,
  layerState,
  overlayChain,
  overlayShape,
  type BoxLayer,
  type TextLayer,
  type TileLayer,
} from './overlaySlots';

const box: BoxLayer = {
  kind: 'box',
  id: 'alert card',
  x: 10,
  y: 20,
  w: 300,
  h: 60,
  color: '0x00ff00@0.9',
  enabled: false,
};
const text: TextLayer = {
  kind: 'text',
  id: 'alert_text',
  file: "/tmp/it's:here.txt",
  x: 20,
  y: 30,
  fontSize: 24,
  color: 'white',
  enabled: false,
};
const tiles: TileLayer = { ...box, kind: 'tiles', id: 'alert card0' };

describe('overlay slots', () => {
  it('builds named timeline filters, text from a reloaded file with expansion off', () => {
    const chain = overlayChain([box, text]);
    expect(chain).toContain('drawbox@ol_alert_card=x=10:y=20:w=300:h=60:c=0x00ff00@0.9:t=fill:enable=0');
    expect(chain).toContain('drawtext@ol_alert_text=textfile=');
    expect(chain).toContain('reload=1:expansion=none');
    expect(chain).toContain("it\\\\\\'s\\\\:here");
  });

  it('changes values by command and only a text layer’s place or style changes the shape', () => {
    expect(layerCommands(box, { ...box, color: '0xff00ff@0.9', enabled: true, x: 40 })).toEqual([
      { target: 'drawbox@ol_alert_card', command: 'x', arg: '40' },
      { target: 'drawbox@ol_alert_card', command: 'color', arg: '0xff00ff@0.9' },
      { target: 'drawbox@ol_alert_card', command: 'enable', arg: '1' },
    ]);
    expect(layerCommands(text, { ...text, enabled: true })).toEqual([
      { target: 'drawtext@ol_alert_text', command: 'enable', arg: '1' },
    ]);
    expect(overlayShape([box, text])).toBe(
      overlayShape([
        { ...box, x: 99 },
        { ...text, enabled: true },
      ]),
    );
    expect(overlayShape([box, text])).not.toBe(overlayShape([box, { ...text, x: 99 }]));
    expect(layerState(box).map((c) => c.command)).toEqual(['x', 'y', 'w', 'h', 'color', 'enable']);
  });

  it('draws a tile layer as drawtext boxes sharing one name, switched only by enable', () => {
    // 300 wide, 60 high: five tiles of 60x60.
    expect(boxTiles(tiles)).toEqual([0, 1, 2, 3, 4].map((k) => ({ x: 40 + k * 60, y: 50, b: 30, spacing: 0 })));
    const chain = overlayChain([tiles]);
    expect(chain.match(/drawtext@ol_alert_card0_t\d=text=/g)).toHaveLength(5);
    expect(chain).toContain(':x=40:y=50:line_spacing=0:box=1:boxborderw=30:boxcolor=0x00ff00@0.9:enable=0');
    expect(chain).toContain('drawtext@ol_alert_card0_t4=text=');
    expect(chain).not.toContain('drawbox');
    // An odd width loses its last column; a last tile narrower than the rest is as high.
    expect(boxTiles({ x: 0, y: 0, w: 251, h: 119 })).toEqual([
      { x: 59, y: 59, b: 59, spacing: 1 },
      { x: 177, y: 59, b: 59, spacing: 1 },
      { x: 243, y: 7, b: 7, spacing: 105 },
    ]);
    // Each tile by its own name: the zmq filter gives a command to the first instance of a name only.
    const each = (arg: string) =>
      [0, 1, 2, 3, 4].map((k) => ({ target: `drawtext@ol_alert_card0_t${k}`, command: 'enable', arg }));
    expect(layerCommands(tiles, { ...tiles, enabled: true })).toEqual(each('1'));
    expect(layerCommands({ ...tiles, enabled: true }, tiles)).toEqual(each('0'));
    expect(layerState(tiles)).toEqual(each('0'));
    // Place and colour are the graph's: a change is a new shape, switching is not.
    expect(overlayShape([tiles])).toBe(overlayShape([{ ...tiles, enabled: true }]));
    expect(overlayShape([tiles])).not.toBe(overlayShape([{ ...tiles, color: '0xff00ff@0.9' }]));
    expect(overlayShape([tiles])).not.toBe(overlayShape([{ ...tiles, x: 99 }]));
  });

  it('on real ffmpeg: the tiles cover exactly the box, in one colour, without seams', () => {
    const font = overlayFont(process.platform);
    const card: TileLayer = { ...tiles, x: 37, y: 21, w: 251, h: 119, color: '0x000000@0.5', enabled: true };
    const luma = execFileSync('ffmpeg', [
      ...['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i'],
      `color=c=white:s=320x180:r=1,format=yuv420p,${overlayChain([{ ...card, ...(font ? { fontFile: font } : {}) }])}`,
      ...['-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'gray', '-'],
    ]);
    const values = new Map<number, number>();
    let outside = 0;
    for (let y = 0; y < 180; y++)
      for (let x = 0; x < 320; x++) {
        const v = luma[y * 320 + x] as number;
        const inBox = x >= 37 && x < 37 + 250 && y >= 21 && y < 21 + 119;
        if (inBox) values.set(v, (values.get(v) ?? 0) + 1);
        else if (v < 250) outside++;
      }
    console.log(`box luma values: ${JSON.stringify([...values])}; ${outside} darker pixels outside`);
    // Half-transparent black over white: one grey, everywhere in the box and nowhere else.
    expect(values.size).toBe(1);
    expect([...values.keys()][0]).toBeGreaterThan(110);
    expect([...values.keys()][0]).toBeLessThan(145);
    expect(outside).toBe(0);
  });
});
