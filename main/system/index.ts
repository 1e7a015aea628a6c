export { SystemService, readAppVersion } from './systemService';
export type { SystemServiceOptions } from './systemService';
export {
  locateFfmpeg,
  defaultFfmpegLocation,
  probeFfmpegVersion,
  ffmpegStaticPath,
} from '../../common/ffmpeg/ffmpegLocator';
export type { FfmpegLocation, FfmpegSource } from '../../common/ffmpeg/ffmpegLocator';
export { ensureWritableDataDir } from './dataDir';
export { installCrashGuard, MAX_FAULT_NOTICES_PER_MINUTE } from './crashGuard';
export type { CrashGuardOptions } from './crashGuard';
