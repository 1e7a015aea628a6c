// Runs the ffmpeg inside the packaged app (`-version`): proves the installer carries an ffmpeg that starts on its
// own target. Usage: node scripts/release/checkPackagedFfmpeg.mjs [--dist dist]
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { packagedFfmpeg } from './packagedApp.mjs';

const i = process.argv.indexOf('--dist');
const dist = i > 0 ? process.argv[i + 1] : 'dist';
const ffmpeg = packagedFfmpeg(dist, process.platform, process.arch);
if (!existsSync(ffmpeg)) {
  console.error(`The packaged app has no ffmpeg at ${ffmpeg}: check asarUnpack in electron-builder.yml.`);
  process.exit(1);
}
const first = execFileSync(ffmpeg, ['-hide_banner', '-version'], { encoding: 'utf8' }).split('\n')[0];
if (!/^ffmpeg version /.test(first)) {
  console.error(`The packaged ffmpeg did not answer -version: ${first}`);
  process.exit(1);
}
console.log(`Packaged ffmpeg runs: ${ffmpeg}\n  ${first}`);
