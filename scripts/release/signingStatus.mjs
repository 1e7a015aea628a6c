// Says whether this release is signed (and, on macOS, notarized), from which secrets are set, and tells
// electron-builder not to look for an identity when none is, so an unsigned build is said, never silent.
// Writes CSC_IDENTITY_AUTO_DISCOVERY to $GITHUB_ENV for the next steps.
import { appendFileSync } from 'node:fs';

const env = process.env;
const has = (name) => typeof env[name] === 'string' && env[name].length > 0;
const lines = [];
let sign = false;
if (process.platform === 'darwin') {
  sign = has('CSC_LINK') && has('CSC_KEY_PASSWORD');
  const notarize = sign && has('APPLE_ID') && has('APPLE_APP_SPECIFIC_PASSWORD') && has('APPLE_TEAM_ID');
  lines.push(
    sign
      ? 'macOS: signing with the Developer ID certificate (CSC_LINK).'
      : 'macOS: NOT signed (CSC_LINK / CSC_KEY_PASSWORD not set): Gatekeeper will warn users.',
  );
  lines.push(
    notarize
      ? 'macOS: notarizing with APPLE_ID / APPLE_TEAM_ID.'
      : 'macOS: NOT notarized (APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD, APPLE_TEAM_ID not all set).',
  );
} else if (process.platform === 'win32') {
  sign = has('WIN_CSC_LINK') || has('CSC_LINK');
  lines.push(
    sign
      ? 'Windows: signing the installer (WIN_CSC_LINK).'
      : 'Windows: NOT signed (WIN_CSC_LINK not set): SmartScreen will warn users.',
  );
} else {
  lines.push('Linux: AppImages are not signed.');
}
for (const line of lines) console.log(line);
if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, lines.map((l) => `- ${l}`).join('\n') + '\n');
if (!sign && env.GITHUB_ENV) appendFileSync(env.GITHUB_ENV, 'CSC_IDENTITY_AUTO_DISCOVERY=false\n');
