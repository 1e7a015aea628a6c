// The device parsers against captured ffmpeg output of each OS (fixtures/).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAvfoundation, parseDshow, parseSources, parseV4l2Formats } from './deviceList';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');

describe('device lists', () => {
  it('reads dshow devices in the ffmpeg ≥5 form, a device with both kinds listed twice', () => {
    expect(parseDshow(fixture('dshow-ffmpeg5.txt'))).toEqual([
      { id: 'dshow:Integrated Camera', name: 'Integrated Camera', kind: 'camera' },
      { id: 'dshow:OBS Virtual Camera', name: 'OBS Virtual Camera', kind: 'camera' },
      {
        id: 'dshow:Microphone Array (Realtek(R) Audio)',
        name: 'Microphone Array (Realtek(R) Audio)',
        kind: 'microphone',
      },
      { id: 'dshow:USB Capture HDMI', name: 'USB Capture HDMI', kind: 'camera' },
      { id: 'dshow:USB Capture HDMI', name: 'USB Capture HDMI', kind: 'microphone' },
    ]);
  });

  it('reads dshow devices in the older headed form and the newer in#0 prefix', () => {
    expect(parseDshow(fixture('dshow-ffmpeg4.txt')).map((d) => `${d.kind}:${d.name}`)).toEqual([
      'camera:USB 2861 Device',
      'camera:FaceTime HD Camera',
      'microphone:Headset Microphone (Cirrus Logic CS4208 (AB 94))',
    ]);
    expect(parseDshow(fixture('dshow-ffmpeg7.txt')).map((d) => d.kind)).toEqual(['camera', 'microphone']);
  });

  it('reads avfoundation, screens apart from cameras', () => {
    const d = parseAvfoundation(fixture('avfoundation.txt'));
    expect(d.filter((x) => x.kind === 'camera').map((x) => x.id)).toEqual(['avfoundation:0', 'avfoundation:1']);
    expect(d.filter((x) => x.kind === 'screen').map((x) => x.name)).toEqual(['Capture screen 0', 'Capture screen 1']);
    expect(d.filter((x) => x.kind === 'microphone').map((x) => x.name)).toEqual([
      'MacBook Pro Microphone',
      'BlackHole 2ch',
    ]);
  });

  it('tells a v4l2 capture node from a metadata node', () => {
    expect(parseV4l2Formats(fixture('v4l2-formats.txt'))).toEqual({ raw: ['yuyv422'], compressed: ['mjpeg'] });
    expect(parseV4l2Formats(fixture('v4l2-metadata-node.txt'))).toEqual({ raw: [], compressed: [] });
  });

  it('reads pulse sources without the speakers monitor', () => {
    expect(parseSources(fixture('pulse-sources.txt'), 'pulse')).toEqual([
      {
        id: 'pulse:alsa_input.pci-0000_00_1f.3.analog-stereo',
        name: 'Built-in Audio Analog Stereo',
        kind: 'microphone',
      },
      {
        id: 'pulse:alsa_input.usb-046d_HD_Pro_Webcam_C920_8A3B5C1F-02.analog-stereo',
        name: 'HD Pro Webcam C920 Analog Stereo',
        kind: 'microphone',
      },
    ]);
  });
});
