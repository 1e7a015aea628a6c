// system.*: answers what this studio is, which ffmpeg it uses and where its data lives.
import { readFileSync } from 'node:fs';
import type { SystemInfo } from '../contract';
import type { StudioStorage } from '../storage';
import { probeFfmpegVersion, type FfmpegLocation } from '../../common/ffmpeg/ffmpegLocator';

export interface SystemServiceOptions {
  appName: string;
  appVersion: string;
  runtime: 'electron' | 'headless';
  electronVersion: string | null;
  dataDir: string;
  ffmpeg: FfmpegLocation;
  storage: StudioStorage;
}

export class SystemService {
  private ffmpegVersion: Promise<string> | null = null;

  constructor(private readonly options: SystemServiceOptions) {}

  get ffmpeg(): FfmpegLocation {
    return this.options.ffmpeg;
  }

  async info(): Promise<SystemInfo> {
    const o = this.options;
    let ffmpeg: SystemInfo['ffmpeg'];
    if (o.ffmpeg.found) {
      this.ffmpegVersion ??= probeFfmpegVersion(o.ffmpeg.path);
      try {
        ffmpeg = { found: true, path: o.ffmpeg.path, source: o.ffmpeg.source, version: await this.ffmpegVersion };
      } catch (err) {
        this.ffmpegVersion = null;
        ffmpeg = { found: false, message: (err as Error).message };
      }
    } else {
      ffmpeg = { found: false, message: o.ffmpeg.message };
    }
    return {
      appName: o.appName,
      appVersion: o.appVersion,
      runtime: o.runtime,
      platform: process.platform,
      arch: process.arch,
      nodeVersion: process.versions.node,
      electronVersion: o.electronVersion,
      dataDir: o.dataDir,
      ffmpeg,
      database: { path: o.storage.file, schemaVersion: o.storage.schemaVersion() },
    };
  }
}

export function readAppVersion(packageJsonPath: string): string {
  try {
    return (JSON.parse(readFileSync(packageJsonPath, 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}
