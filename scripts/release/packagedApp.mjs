// Where electron-builder leaves the packaged (unpacked) app for each target, and where ffmpeg sits inside it: the
// release workflow's checks and the Electron smoke test run what the installer carries, not the source tree.
import { join } from 'node:path';

const PRODUCT = 'VJ Studio';
/** electron-builder's executable name on Linux: the package name. */
const LINUX_EXECUTABLE = 'vj-studio';

/** The unpacked app folder electron-builder writes under dist/ for a platform and arch. */
export function unpackedDir(distDir, platform, arch) {
  if (platform === 'win32') return join(distDir, arch === 'x64' ? 'win-unpacked' : `win-${arch}-unpacked`);
  if (platform === 'darwin') return join(distDir, arch === 'x64' ? 'mac' : `mac-${arch}`);
  if (platform === 'linux') return join(distDir, arch === 'x64' ? 'linux-unpacked' : `linux-${arch}-unpacked`);
  throw new Error(`No installer is built for ${platform}.`);
}

/** The packaged app's executable and its resources folder (where app.asar and app.asar.unpacked are). */
export function packagedAppPaths(distDir, platform, arch) {
  const dir = unpackedDir(distDir, platform, arch);
  if (platform === 'darwin') {
    const app = join(dir, `${PRODUCT}.app`);
    return {
      executable: join(app, 'Contents', 'MacOS', PRODUCT),
      resources: join(app, 'Contents', 'Resources'),
    };
  }
  if (platform === 'win32') return { executable: join(dir, `${PRODUCT}.exe`), resources: join(dir, 'resources') };
  return { executable: join(dir, LINUX_EXECUTABLE), resources: join(dir, 'resources') };
}

/** ffmpeg inside the packaged app: ffmpeg-static's binary, unpacked beside the asar so it can be executed. */
export function packagedFfmpeg(distDir, platform, arch) {
  const { resources } = packagedAppPaths(distDir, platform, arch);
  const name = platform === 'win32' ? 'ffmpeg.exe' : 'ffmpeg';
  return join(resources, 'app.asar.unpacked', 'node_modules', 'ffmpeg-static', name);
}
