// Widget items in the program graph: each line carries its own background (drawtext's box, no drawbox over the
// whole widget), lines are re-read five times a second where this ffmpeg can, and a blank line draws nothing.
// The picture is checked on real ffmpeg output.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lavfiInputArgs, quietArgs } from '../../common/ffmpeg/commandParts';
import type { SceneItem } from '../contract/scene';
import { sceneItem } from '../../testSupport/media';
import { drawtextReloadsByInterval } from './ffmpegFeatures';
import { overlayFont } from './overlayFont';
import { widgetChain, widgetFile, widgetReloadFrames, type WidgetSource } from './widgetItems';

const dir = mkdtempSync(join(tmpdir(), 'widget-items-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const look = { textColor: '#ffffff', background: '#000000', backgroundOpacity: 0.6 };
const chat = sceneItem(
  'chat',
  { kind: 'chatOverlay', lines: 3, fontSize: 30, ...look, nameColor: '#ffd166' },
  { x: 20, y: 20, width: 600, height: 170 },
) as SceneItem & { source: WidgetSource };
const goal = sceneItem(
  'goal',
  { kind: 'goalBar', title: 'Goal', target: 100, fontSize: 24, ...look, fillColor: '#00ff00' },
  { x: 20, y: 250, width: 400, height: 60 },
) as SceneItem & { source: WidgetSource };

/** One 640x360 grey frame with the widgets drawn, as luma. */
function draw(chain: string): Buffer {
  return execFileSync('ffmpeg', [
    ...quietArgs(),
    ...lavfiInputArgs(`color=c=0x808080:s=640x360:r=1,format=yuv420p,${chain}`),
    '-frames:v',
    '1',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'gray',
    '-',
  ]);
}
const darker = (luma: Buffer, x: number, y: number, w: number, h: number) => {
  let n = 0;
  for (let r = y; r < y + h; r++) for (let c = x; c < x + w; c++) if ((luma[r * 640 + c] as number) < 90) n++;
  return n;
};

describe('widget items', () => {
  it('gives each line its own box and reads lines every few frames; the goal bar draws only its outline', () => {
    const o = { textDir: dir, reloadFrames: widgetReloadFrames(30) };
    const chain = widgetChain(chat, o);
    expect(widgetReloadFrames(30)).toBe(6);
    expect(widgetReloadFrames(60)).toBe(12);
    expect(chain).not.toContain('drawbox');
    expect(chain.match(/drawtext=/g)).toHaveLength(6);
    expect(chain.match(/:reload=6:/g)).toHaveLength(6);
    expect(chain.match(/:box=1:boxcolor=0x000000@0\.6:/g)).toHaveLength(6);
    const bar = widgetChain(goal, o);
    // The outline: a 3 px edge on each side; no box over the whole bar.
    expect(bar).toContain('drawbox=x=20:y=250:w=400:h=3:c=0x000000@0.6:t=fill');
    expect(bar).toContain('drawbox=x=20:y=307:w=400:h=3:c=0x000000@0.6:t=fill');
    expect(bar).toContain('drawbox=x=20:y=253:w=3:h=54:c=0x000000@0.6:t=fill');
    expect(bar).toContain('drawbox=x=417:y=253:w=3:h=54:c=0x000000@0.6:t=fill');
    expect(bar).not.toContain('h=60:c=0x000000');
    expect(bar).toContain('drawbox@w_goal_fill=');
    expect(bar.match(/:box=1:/g)).toHaveLength(1);
    // An ffmpeg that re-reads every frame or never is given reload=1.
    expect(widgetChain(chat, { textDir: dir })).not.toMatch(/reload=(?!1:)/);
  });

  it('on real ffmpeg: a line darkens its own strip, a blank line draws nothing, this ffmpeg reads by interval', async () => {
    expect(await drawtextReloadsByInterval('ffmpeg')).toBe(true);
    const lines = { name0: ' ', text0: ' ', name1: ' ', text1: ' ', name2: 'Vivi', text2: 'hello 你好' };
    for (const [part, text] of Object.entries(lines)) writeFileSync(widgetFile(dir, 'chat', part), text);
    const font = overlayFont(process.platform);
    const luma = draw(widgetChain(chat, { textDir: dir, reloadFrames: 6, ...(font ? { fontFile: font } : {}) }));
    // Lines are 40 px apart, the newest at the bottom: the box's first two lines are blank, the third has words.
    const lineH = Math.round(30 * 1.35);
    const top = 20 + 170 - Math.round(30 * 0.4) - 3 * lineH;
    // (The spoken line's box reaches a border's width, 5 px, above its line.)
    const blank = darker(luma, 20, top - 10, 600, 2 * lineH + 10 - 5);
    const spoken = darker(luma, 20, top + 2 * lineH, 600, lineH);
    console.log(`dark pixels: ${blank} over the blank lines, ${spoken} over the spoken one`);
    expect(blank).toBe(0);
    expect(spoken).toBeGreaterThan(2000);
    // Nothing outside the widget's rectangle.
    expect(darker(luma, 0, 200, 640, 160)).toBe(0);
  });

  it('on real ffmpeg: the goal bar darkens its outline and its title, not the rest of the bar', () => {
    writeFileSync(widgetFile(dir, 'goal', 'line0'), 'Goal 10 / 100');
    const font = overlayFont(process.platform);
    const luma = draw(widgetChain(goal, { textDir: dir, ...(font ? { fontFile: font } : {}) }));
    // The bar is 400x60 at (20, 250); its title starts 10 px in, its words well short of the middle.
    const edges = darker(luma, 20, 250, 400, 3) + darker(luma, 417, 253, 3, 54);
    const inside = darker(luma, 250, 256, 160, 48);
    const title = darker(luma, 28, 262, 60, 36);
    console.log(`dark pixels: ${edges} on two edges, ${inside} inside the bar's right half, ${title} by the title`);
    expect(edges).toBe(400 * 3 + 3 * 54);
    expect(inside).toBe(0);
    expect(title).toBeGreaterThan(500);
    expect(darker(luma, 0, 0, 640, 248) + darker(luma, 0, 312, 640, 48)).toBe(0);
  });
});
