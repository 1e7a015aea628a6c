// Encoder discovery: real `ffmpeg -encoders` listings from the three OSes (Linux's captured here from
// Debian's build; Windows' and macOS' written in ffmpeg's own format from a gyan.dev and a Homebrew build),
// and real probe encodes on this machine, which has no GPU: every hardware probe fails cleanly.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encoderCandidates, parseEncoderListing, preferredEncoder, probeEncoderReport } from './encoderProbe';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');

describe('ffmpeg -encoders listings', () => {
  it('reads every encoder of a Linux, a Windows (CRLF) and a macOS build, and picks the candidates each OS can run', () => {
    const linux = parseEncoderListing(fixture('encoders-linux-debian-ffmpeg-5.1.txt'));
    const windows = parseEncoderListing(fixture('encoders-windows-gyan-ffmpeg-7.1.txt'));
    const mac = parseEncoderListing(fixture('encoders-macos-homebrew-ffmpeg-7.1.txt'));
    expect(linux).toHaveLength(217); // 227 lines less the title and the legend's 9
    expect(linux.find((e) => e.name === 'h264_nvenc')).toEqual({
      kind: 'video',
      name: 'h264_nvenc',
      description: 'NVIDIA NVENC H.264 encoder (codec h264)',
    });
    expect(linux.find((e) => e.name === 'aac')?.kind).toBe('audio');
    expect(windows.find((e) => e.name === 'h264_amf')?.description).toBe('AMD AMF H.264 Encoder (codec h264)');
    expect(windows.every((e) => !e.description.endsWith('\r'))).toBe(true);
    expect(mac.find((e) => e.name === 'srt')?.kind).toBe('subtitle');
    // Legend lines ("V..... = Video") are not encoders.
    expect([...linux, ...windows, ...mac].some((e) => e.name === '=')).toBe(false);

    expect(encoderCandidates(linux, 'linux')).toEqual(['libx264', 'h264_nvenc', 'h264_qsv', 'h264_vaapi']);
    // This Windows build also lists VA-API, which Windows cannot run: not probed.
    expect(encoderCandidates(windows, 'win32')).toEqual(['libx264', 'h264_nvenc', 'h264_qsv', 'h264_amf']);
    expect(encoderCandidates(mac, 'darwin')).toEqual(['libx264', 'h264_videotoolbox']);
  });

  it('prefers hardware in the order NVENC, Quick Sync, AMF, VideoToolbox, VA-API, else x264', () => {
    const ids = (...list: string[]) => list.map((id) => ({ id }));
    expect(preferredEncoder(ids('libx264', 'h264_vaapi', 'h264_qsv'))).toBe('h264_qsv');
    expect(preferredEncoder(ids('libx264', 'h264_amf', 'h264_nvenc'))).toBe('h264_nvenc');
    expect(preferredEncoder(ids('libx264', 'h264_videotoolbox'))).toBe('h264_videotoolbox');
    expect(preferredEncoder(ids('libx264'))).toBe('libx264');
    expect(preferredEncoder([])).toBe('libx264');
  });
});

describe('probe encodes with real ffmpeg', () => {
  it('proves x264 works, lets every hardware encoder without its device fail with ffmpeg words, and chooses x264', async () => {
    const report = await probeEncoderReport('ffmpeg', 'linux');
    console.log(report.map((r) => `${r.id}: ${r.works ? 'works' : `fails (${r.detail})`}`).join('\n'));
    expect(report.find((r) => r.id === 'libx264')).toMatchObject({ works: true, hardware: false });
    const hardware = report.filter((r) => r.hardware);
    expect(hardware.length).toBeGreaterThan(0); // Debian's build lists NVENC, QSV and VA-API
    const gpu = existsSync('/dev/dri') || existsSync('/dev/nvidia0');
    if (gpu) console.log('this machine has a GPU device: hardware probes may pass');
    else {
      for (const r of hardware) expect(r).toMatchObject({ works: false, detail: expect.stringMatching(/\S/) });
      expect(preferredEncoder(report.filter((r) => r.works))).toBe('libx264');
    }
  }, 60000);
});
