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
