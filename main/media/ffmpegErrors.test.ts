// ffmpeg's stderr → typed errors, on real lines (fixtures/stderr-lines.txt: expected code, tab, line).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyLine, classifyLines, describeExit } from './ffmpegErrors';

const cases = readFileSync(join(import.meta.dirname, 'fixtures', 'stderr-lines.txt'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => l.split('\t') as [string, string]);

describe('ffmpeg errors', () => {
  it.each(cases)('%s ← %s', (code, line) => {
    expect(classifyLine(line)?.code).toBe(code);
  });

  it('says it in plain words and keeps the line', () => {
    const e = classifyLine('/dev/video0: Permission denied');
    expect(e?.message).toMatch(/not allowed/);
    expect(e?.line).toContain('/dev/video0');
  });

  it('picks the telling line among the last ones, or says what stopped', () => {
    expect(classifyLines(['frame=  10 fps=0.0', 'av_interleaved_write_frame(): No space left on device'])?.code).toBe(
      'disk_full',
    );
    expect(describeExit(['something odd'], 'The push stopped.')).toMatchObject({
      code: 'unknown',
      message: 'The push stopped.',
    });
  });
});
