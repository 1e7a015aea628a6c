import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { locateFfmpeg, probeFfmpegVersion } from './ffmpegLocator';

const dir = mkdtempSync(join(tmpdir(), 'ffmpeg-locate-'));
const fake = join(dir, 'ffmpeg');
writeFileSync(fake, '#!/bin/sh\necho "ffmpeg version 9.9-test Copyright"\n');
chmodSync(fake, 0o755);

describe('locateFfmpeg', () => {
  it('prefers FFMPEG_PATH', () => {
    expect(locateFfmpeg({ env: { FFMPEG_PATH: fake, PATH: '/usr/bin' }, staticPath: null, platform: 'linux' })).toEqual(
      {
        found: true,
        path: fake,
        source: 'FFMPEG_PATH',
      },
    );
  });

  it('refuses a FFMPEG_PATH that is not executable, naming it', () => {
    const r = locateFfmpeg({ env: { FFMPEG_PATH: join(dir, 'nope') }, staticPath: fake, platform: 'linux' });
    expect(r.found).toBe(false);
    if (!r.found) expect(r.message).toContain(join(dir, 'nope'));
  });

  it('uses ffmpeg-static only when its file exists, else PATH', () => {
    expect(locateFfmpeg({ env: { PATH: '' }, staticPath: fake, platform: 'linux' })).toMatchObject({
      source: 'ffmpeg-static',
    });
    expect(locateFfmpeg({ env: { PATH: dir }, staticPath: join(dir, 'missing'), platform: 'linux' })).toMatchObject({
      source: 'PATH',
      path: fake,
    });
  });

  it('names all three places when nothing is found', () => {
    const r = locateFfmpeg({ env: { PATH: join(dir, 'empty') }, staticPath: join(dir, 'missing'), platform: 'linux' });
    expect(r.found).toBe(false);
    if (!r.found) {
      expect(r.message).toMatch(/FFMPEG_PATH/);
      expect(r.message).toMatch(/ffmpeg-static/);
      expect(r.message).toMatch(/PATH/);
    }
  });

  it('reads the version line', async () => {
    await expect(probeFfmpegVersion(fake)).resolves.toBe('9.9-test');
  });
});
