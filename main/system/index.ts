export { SystemService, readAppVersion } from './systemService';
export type { SystemServiceOptions } from './systemService';
export { locateFfmpeg, defaultFfmpegLocation, probeFfmpegVersion, ffmpegStaticPath } from './ffmpegLocator';
export type { FfmpegLocation, FfmpegSource } from './ffmpegLocator';
