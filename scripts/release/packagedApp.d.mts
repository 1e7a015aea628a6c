// Types of ./packagedApp.mjs (plain JavaScript: the release runners run it with Node before anything is built).
export declare function unpackedDir(distDir: string, platform: string, arch: string): string;
export declare function packagedAppPaths(
  distDir: string,
  platform: string,
  arch: string,
): { executable: string; resources: string };
export declare function packagedFfmpeg(distDir: string, platform: string, arch: string): string;
