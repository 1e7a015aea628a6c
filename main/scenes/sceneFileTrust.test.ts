// A scene file may come from anyone: image and media items name local files only. An http:// and a tcp:// item
// are refused through a real studio's scenes.import with the place named and nothing changed, and real ffmpeg,
// given such an address the way the compositor opens items, refuses it without touching the network.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { lavfiInputArgs, quietArgs } from '../../common/ffmpeg/commandParts';
import { defaultFfmpegLocation } from '../../common/ffmpeg/ffmpegLocator';
import { createStudio } from '../app';
import { isLocalFilePath } from '../contract/scene';
import type { ScenesState } from '../contract/scenes';
import { imageInput, mediaFileInput } from '../media/sourceInputs';

const item = (id: string, name: string, source: unknown) => ({
  id,
  name,
  source,
  rect: { x: 0, y: 0, width: 100, height: 100 },
});
const file = (source: unknown) =>
  JSON.stringify({
    format: 'vj-studio.scenes',
    version: 1,
    scenes: [
      {
        id: 'night',
        name: 'Night',
        items: [item('t', 'Title', { kind: 'text', text: 'hi' }), item('bad', 'Sneaky', source)],
      },
    ],
  });

describe('scene files name local files only', () => {
  it('refuses an http:// image and a tcp:// media item through scenes.import, naming the place', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'studio-scene-trust-'));
    const studio = await createStudio({ dataDir, runtime: 'headless', appVersion: '0.0.0', log: () => {} });
    const ctx = { transport: 'internal' as const, peer: 'test' };
    try {
      const before = (await studio.router.dispatch('scenes.state', {}, ctx)) as { ok: true; value: ScenesState };
      for (const source of [
        { kind: 'image', path: 'http://169.254.169.254/latest/meta-data' },
        { kind: 'mediaFile', path: 'tcp://127.0.0.1:6379', loop: true },
      ]) {
        const refused = await studio.router.dispatch('scenes.import', { json: file(source) }, ctx);
        expect(refused).toEqual({
          ok: false,
          error: {
            code: 'invalid_input',
            message:
              'This scene file cannot be imported: scene 1 ("Night") › item 2 ("Sneaky") › source.path: must name a file on this computer, not an address (http://, tcp://, rtmp://… or a network share). Nothing was changed.',
            zh: '无法导入此场景文件：scene 1 ("Night") › item 2 ("Sneaky") › source.path: 必须是本机上的文件，不能是网络地址（http://、tcp://、rtmp://… 或网络共享）。未做任何更改。',
          },
        });
      }
      const after = (await studio.router.dispatch('scenes.state', {}, ctx)) as { ok: true; value: ScenesState };
      expect(after.value.scenes.map((s) => s.id)).toEqual(before.value.scenes.map((s) => s.id));
      const local = await studio.router.dispatch(
        'scenes.import',
        { json: file({ kind: 'image', path: join(dataDir, 'logo.png') }) },
        ctx,
      );
      expect(local.ok).toBe(true);
    } finally {
      await studio.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('tells local paths from addresses', () => {
    for (const ok of ['/home/vj/logo.png', 'C:\\clips\\intro.mp4', 'D:/x.png', 'clips/intro.mp4', './a:b.png'])
      expect(isLocalFilePath(ok)).toBe(true);
    for (const bad of [
      'http://x/y.png',
      'HTTPS://x',
      'tcp://127.0.0.1:1',
      'rtmp://h/live',
      'concat:/a|/b',
      'pipe:0',
      'file:/etc/passwd',
      'subfile,,start,0,end,1,,:/x',
      '\\\\server\\share\\a.png',
      '//server/share/a.png',
    ])
      expect(isLocalFilePath(bad)).toBe(false);
  });

  it('real ffmpeg opens an item’s address as a local file only: nothing connects to a listening port', async () => {
    const ffmpeg = defaultFfmpegLocation();
    if (!ffmpeg.found) throw new Error('ffmpeg is needed for this test');
    let connections = 0;
    const server = createServer((s) => {
      connections++;
      s.destroy();
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const port = (server.address() as { port: number }).port;
    const run = (input: string[]) =>
      promisify(execFile)(ffmpeg.path, ['-hide_banner', ...input, '-frames:v', '1', '-f', 'null', '-'], {
        timeout: 20_000,
      }).catch((e: { stderr: string }) => e);
    try {
      for (const input of [
        imageInput(`http://127.0.0.1:${port}/a.png`),
        mediaFileInput(`tcp://127.0.0.1:${port}`, false),
      ]) {
        const r = (await run(input)) as { stderr: string };
        expect(r.stderr).toMatch(/not on whitelist|Protocol not found|Invalid argument/);
      }
      expect(connections).toBe(0);
      // Local files still open as before: a picture and a clip made here.
      const dir = mkdtempSync(join(tmpdir(), 'scene-local-'));
      const png = join(dir, 'logo.png');
      const clip = join(dir, 'clip.mp4');
      const make = (graph: string, ...output: string[]) =>
        promisify(execFile)(ffmpeg.path, [...quietArgs(), ...lavfiInputArgs(graph), ...output]);
      await make('testsrc2=size=64x36', '-frames:v', '1', png);
      await make('testsrc2=size=64x36:duration=1', clip);
      for (const input of [imageInput(png), mediaFileInput(clip, true)]) {
        const r = await promisify(execFile)(ffmpeg.path, [
          '-v',
          'error',
          ...input,
          '-frames:v',
          '1',
          '-f',
          'null',
          '-',
        ]);
        expect(r.stderr).toBe('');
      }
      rmSync(dir, { recursive: true, force: true });
    } finally {
      server.close();
    }
  });
});
