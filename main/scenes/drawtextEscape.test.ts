// The escaping is checked against real ffmpeg: text drawn from the escaped option must be pixel-identical to
// the same text read literally from a file (textfile with expansion=none), whatever the text contains.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultFfmpegLocation } from '../system';
import { chatOverlayText, cleanOverlayText, drawtextTextOptions } from './drawtextEscape';

const ffmpeg = defaultFfmpegLocation();
const font = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
].find((f) => existsSync(f));
const dir = mkdtempSync(join(tmpdir(), 'studio-drawtext-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function frameHash(drawtextOptions: string): { hash: string; stderr: string; status: number | null } {
  if (!ffmpeg.found || !font) throw new Error('needs ffmpeg and a font');
  const graph = `color=c=black:s=640x120:d=0.04,drawtext=fontfile=${font}:fontsize=20:fontcolor=white:x=4:y=4:${drawtextOptions}`;
  const r = spawnSync(
    ffmpeg.path,
    ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', graph, '-frames:v', '1', '-f', 'md5', '-'],
    { encoding: 'utf8' },
  );
  return { hash: r.stdout.trim(), stderr: r.stderr, status: r.status };
}

const hostile = [
  "it's 100% fun: a, b; [c] \\ d",
  '%{localtime} %{pts} %{eif:1/0:d}',
  "'; drawtext=text=pwned [out]",
  "\\'\\\\:\\,",
  '弹幕：你好，主播！🎉',
  '  spaces at both ends  ',
  'line one\nline two',
];

describe('drawtext escaping', () => {
  it.runIf(ffmpeg.found && font)('draws every hostile text exactly as the literal file would', () => {
    hostile.forEach((text, i) => {
      const file = join(dir, `t${i}.txt`);
      writeFileSync(file, cleanOverlayText(text));
      const literal = frameHash(`expansion=none:textfile=${file}`);
      const escaped = frameHash(drawtextTextOptions(text));
      expect(escaped.status, `${text}: ${escaped.stderr}`).toBe(0);
      expect(literal.status, literal.stderr).toBe(0);
      expect(escaped.hash, text).toBe(literal.hash);
    });
    // and the check can fail: a different text draws differently
    expect(frameHash(drawtextTextOptions('a')).hash).not.toBe(frameHash(drawtextTextOptions('b')).hash);
  });

  it('drops control characters and bidi overrides, keeps line breaks', () => {
    expect(cleanOverlayText('a\u0000b\u0007c\u202ed\r\ne\tf')).toBe('abcd\nef');
  });

  it('formats the last lines of chat, one message per line, cut to length', () => {
    const msgs = [
      { nick: 'old', text: 'gone' },
      { nick: 'amy', text: 'hi\nthere' },
      { nick: 'bo', text: 'x'.repeat(100) },
    ];
    const text = chatOverlayText(msgs, 2, 20);
    expect(text.split('\n')).toEqual(['amy: hi there', `bo: ${'x'.repeat(15)}…`]);
  });
});
