import { describe, expect, it } from 'vitest';
import type { Scene } from '../contract/scene';
import { CAMERA_OFF, SourceDevices } from './sourceDevices';
import { sceneItem } from '../../testSupport/media';

const mix = { gainDb: 0, muted: false, noiseSuppression: false };
const scene: Scene = {
  id: 's',
  name: 'show',
  items: [
    sceneItem(
      'cam',
      { kind: 'camera', deviceId: '/dev/video0', beauty: true },
      { x: 0, y: 0, width: 320, height: 180 },
    ),
    sceneItem(
      'title',
      { kind: 'text', text: 'Hi', live: false, fontSize: 24, color: '#fff', background: '#000' },
      { x: 0, y: 0, width: 100, height: 40 },
    ),
  ],
  audio: [{ id: 'mic', name: 'Mic', kind: 'microphone', device: '', mix }],
};

describe('the VJ’s device settings', () => {
  it('turns the camera off and on with a placeholder that only its own switch removes', () => {
    const d = new SourceDevices();
    d.placeholders.title = 'File missing';
    d.setCameraOff(scene, true);
    expect(d.placeholders).toEqual({ cam: CAMERA_OFF, title: 'File missing' });
    d.setCameraOff(scene, false);
    expect(d.placeholders).toEqual({ title: 'File missing' });
    d.placeholders.cam = 'Camera lost';
    d.setCameraOff(scene, false);
    expect(d.placeholders.cam).toBe('Camera lost');
    d.retry();
    expect(d.placeholders).toEqual({});
  });

  it('mutes the microphone out of the plan and says when the sound changes', () => {
    const d = new SourceDevices();
    expect(d.setMicMuted(scene, true)).toBe(true);
    expect(d.planFields(scene).scene.audio?.[0]?.mix.muted).toBe(true);
    expect(d.setMicMuted({ ...scene, audio: [] }, false)).toBe(false);
    d.microphone = 'hw:1';
    expect(d.planFields(scene).microphone).toBe('hw:1');
    d.setMicMuted(scene, true);
    expect(d.planFields(scene).microphone).toBeNull();
  });

  it('knows when a scene holds a device, and forgets placeholders of removed items', () => {
    const d = new SourceDevices();
    const patternOnly: Scene = {
      ...scene,
      items: [
        sceneItem('cam', { kind: 'camera', deviceId: 'test', beauty: false }, { x: 0, y: 0, width: 320, height: 180 }),
      ],
      audio: [],
    };
    expect(d.holdsDevice(scene)).toBe(true);
    expect(d.holdsDevice(patternOnly)).toBe(false);
    expect(d.setDefaultMicrophone(scene, 'hw:2')).toBe(true);
    expect(d.setDefaultMicrophone(scene, 'hw:2')).toBe(false);
    expect(d.holdsDevice({ ...patternOnly, audio: scene.audio })).toBe(true);
    d.placeholders = { cam: 'Camera lost', gone: 'File missing' };
    d.keepFor(scene);
    expect(d.placeholders).toEqual({ cam: 'Camera lost' });
  });
});
