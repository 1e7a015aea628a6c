// Finds the ffmpeg binary: FFMPEG_PATH, then ffmpeg-static's binary when the file exists, then ffmpeg on PATH.
import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';

export type FfmpegSource = 'FFMPEG_PATH' | 'ffmpeg-static' | 'PATH';
export type FfmpegLocation = { found: true; path: string; source: FfmpegSource } | { found: false; message: string };

export interface LocatorInputs {
  env: NodeJS.ProcessEnv;
  /** The path ffmpeg-static reports (its file may be absent when its download was skipped). */
  staticPath: string | null;
  platform: NodeJS.Platform;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | null {
  const names = platform === 'win32' ? ['ffmpeg.exe', 'ffmpeg'] : ['ffmpeg'];
  for (const dir of (env.PATH ?? env.Path ?? '').split(platform === 'win32' ? ';' : delimiter)) {
    if (!dir) continue;
    for (const name of names) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return null;
}

/** How a VJ gets an ffmpeg, on each system the studio runs on. */
export const FFMPEG_HOW_TO_GET =
  'To get one: Windows `winget install Gyan.FFmpeg`, macOS `brew install ffmpeg`, Debian/Ubuntu ' +
  '`sudo apt install ffmpeg` (or download a build from https://ffmpeg.org/download.html), then start the studio ' +
  'again, or set FFMPEG_PATH to the full path of an ffmpeg you already have.';

export function locateFfmpeg(inputs: LocatorInputs): FfmpegLocation {
  const fromEnv = inputs.env.FFMPEG_PATH;
  if (fromEnv) {
    if (isExecutable(fromEnv)) return { found: true, path: fromEnv, source: 'FFMPEG_PATH' };
    return {
      found: false,
      message: `FFMPEG_PATH points at ${fromEnv}, which is not an executable file. Fix or unset FFMPEG_PATH.`,
    };
  }
  if (inputs.staticPath && existsSync(inputs.staticPath) && isExecutable(inputs.staticPath)) {
    return { found: true, path: inputs.staticPath, source: 'ffmpeg-static' };
  }
  const path = onPath(inputs.env, inputs.platform);
  if (path) return { found: true, path, source: 'PATH' };
  return {
    found: false,
    message:
      'ffmpeg was not found. The studio looked at FFMPEG_PATH (not set), the ffmpeg-static binary (' +
      (inputs.staticPath ? `${inputs.staticPath} does not exist` : 'not installed') +
      ') and "ffmpeg" on the PATH (not there). ' +
      FFMPEG_HOW_TO_GET,
  };
}

export function ffmpegStaticPath(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const p = require('ffmpeg-static') as string | null;
    // Inside a packaged app the binary lives beside the asar, unpacked.
    return p ? p.replace('app.asar', 'app.asar.unpacked') : null;
  } catch {
    return null;
  }
}

export function defaultFfmpegLocation(env: NodeJS.ProcessEnv = process.env): FfmpegLocation {
  return locateFfmpeg({ env, staticPath: ffmpegStaticPath(), platform: process.platform });
}

/** The first line of `ffmpeg -version`, e.g. "ffmpeg version 5.1.9-0+deb12u1". */
export function probeFfmpegVersion(path: string, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(path, ['-hide_banner', '-version'], { timeout: timeoutMs }, (err, stdout) => {
      if (err) {
        reject(new Error(`ffmpeg at ${path} did not start: ${err.message}`));
        return;
      }
      const first = stdout.split('\n')[0]?.trim() ?? '';
      const match = /^ffmpeg version (\S+)/.exec(first);
      resolve(match?.[1] ?? first);
    });
  });
}
