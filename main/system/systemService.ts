// system.*: answers what this studio is, which ffmpeg it uses and where its data lives.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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
  /** Where the logs are, and how to show them to the VJ (the shell's file manager; none in the headless host). */
  logsFolder?: { path: string; open?: () => Promise<void> };
}

export class SystemService {
  private ffmpegVersion: Promise<string> | null = null;

  constructor(private readonly options: SystemServiceOptions) {}

  get ffmpeg(): FfmpegLocation {
    return this.options.ffmpeg;
  }

  /** Opens the logs folder where the runtime can; always says where it is. */
  async openLogsFolder(): Promise<{ path: string; opened: boolean }> {
    const folder = this.options.logsFolder ?? { path: join(this.options.dataDir, 'logs') };
    if (!folder.open) return { path: folder.path, opened: false };
    await folder.open();
    return { path: folder.path, opened: true };
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
