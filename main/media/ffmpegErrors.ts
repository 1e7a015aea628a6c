// Turns ffmpeg's stderr into typed errors with plain words the VJ can act on. Pure.
import type { MediaErrorCode } from '../contract/media';

export type { MediaErrorCode };

export interface MediaError {
  code: MediaErrorCode;
  message: string;
  line: string;
}

const rules: { code: MediaErrorCode; test: RegExp; message: string }[] = [
  {
    code: 'disk_full',
    test: /No space left on device|Disk quota exceeded/i,
    message: 'The disk is full: the recording cannot be written. Free some space or choose another folder.',
  },
  {
    code: 'device_busy',
    test: /Device or resource busy|device already in use|Could not run graph|already in use by another/i,
    message: 'The device is busy: another program is using it. Close that program and try again.',
  },
  {
    code: 'permission_denied',
    test: /Permission denied|not authori[sz]ed|Operation not permitted|Access is denied|Cannot use .* \(/i,
    message: 'The studio is not allowed to use this device or file. Grant access in your system settings.',
  },
  {
    code: 'bad_stream_key',
    test: /Server error:.*(auth|denied|forbid|key|BadName|reject)|NetStream\.Publish\.(BadName|Rejected)|Unauthorized|403 Forbidden/i,
    message: 'The server refused the stream key. Check the push address and key.',
  },
  {
    code: 'connection_refused',
    test: /Connection refused/i,
    message: 'The streaming server refused the connection: it is not running or not reachable at that address.',
  },
  {
    code: 'host_not_found',
    test: /Failed to resolve hostname|Name or service not known|nodename nor servname|No such host/i,
    message: 'The server address could not be found. Check the push address and the network.',
  },
  {
    code: 'timeout',
    test: /timed out|Connection timeout/i,
    message: 'The connection timed out: the network or the server is too slow or down.',
  },
  {
    code: 'connection_lost',
    test: /Broken pipe|Connection reset by peer|End of file|Error number -10053|Error number -10054|I\/O error.*rtmp/i,
    message: 'The connection to the server was lost.',
  },
  {
    code: 'device_not_found',
    test: /No such file or directory|Could not find (video|audio) device|Could not open video device|Input\/output error|does not exist|Video device not found/i,
    message: 'The device or file was not found: it may have been unplugged, moved or renamed.',
  },
];

export function classifyLine(line: string): MediaError | null {
  for (const r of rules) if (r.test.test(line)) return { code: r.code, message: r.message, line };
  return null;
}

/** The most telling error among the last lines of a process (the first line that matches a rule). */
export function classifyLines(lines: readonly string[]): MediaError | null {
  for (const line of lines) {
    const e = classifyLine(line);
    if (e) return e;
  }
  return null;
}

export function describeExit(lines: readonly string[], fallback: string): MediaError {
  return classifyLines(lines) ?? { code: 'unknown', message: fallback, line: lines[lines.length - 1] ?? '' };
}

/** The error of `code` in the same plain words as ffmpeg's, for failures the studio sees itself. */
export function mediaError(code: MediaErrorCode, line: string, message?: string): MediaError {
  return { code, message: message ?? rules.find((r) => r.code === code)?.message ?? 'The output stopped.', line };
}
