// Fetches ffmpeg-static's binary for one release target explicitly (npm ci skips its install script, see
// allowScripts in package.json), then checks it: the file is there, and where the target is this machine, it runs
// `ffmpeg -version`. Usage: node scripts/release/fetchFfmpeg.mjs --platform linux|darwin|win32 --arch x64|arm64
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const flag = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const platform = flag('platform') ?? process.platform;
const arch = flag('arch') ?? process.arch;

const pkgFile = require.resolve('ffmpeg-static/package.json');
const pkgDir = dirname(pkgFile);
const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
const binary = join(pkgDir, platform === 'win32' ? 'ffmpeg.exe' : 'ffmpeg');
console.log(
  `Fetching ffmpeg ${pkg['ffmpeg-static']['binary-release-tag']} for ${platform}-${arch} (ffmpeg-static ${pkg.version})…`,
);
// ffmpeg-static's own installer, told the target explicitly instead of guessing it from the runner.
const r = spawnSync(process.execPath, [join(pkgDir, 'install.js')], {
  cwd: pkgDir,
  stdio: 'inherit',
  env: { ...process.env, npm_config_platform: platform, npm_config_arch: arch },
});
if (r.status !== 0 || !existsSync(binary)) {
  console.error(`ffmpeg for ${platform}-${arch} could not be fetched: the installer should not ship without it.`);
  process.exit(1);
}
console.log(`  ${binary}: ${(statSync(binary).size / 1e6).toFixed(1)} MB`);
if (platform === process.platform && arch === process.arch) {
  const first = execFileSync(binary, ['-hide_banner', '-version'], { encoding: 'utf8' }).split('\n')[0];
  if (!/^ffmpeg version /.test(first)) {
    console.error(`ffmpeg for ${platform}-${arch} does not run: ${first}`);
    process.exit(1);
  }
  console.log(`  runs: ${first}`);
} else {
  console.log(`  (built for another machine: it is run on that target's own runner)`);
}
