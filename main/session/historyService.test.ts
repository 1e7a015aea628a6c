// History on a real SQLite file: figures, sorting, the time series, recordings, CSV, crash recovery.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BroadcastRepository, openStudioStorage } from '../storage';
import { noMedia } from './broadcastMedia';
import { HistoryService } from './historyService';
import { RecoveryKeeper } from './recovery';

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'history-'));
  const storage = openStudioStorage(join(dir, 'studio.db'));
  const repo = new BroadcastRepository(storage.db);
  return { dir, storage, repo, history: new HistoryService(repo) };
}

const base = { groupId: 'g', userId: 'vj', serverUrl: 'http://p', pushUrl: 'rtmp://p/live/x', viewerUrl: null };
const figures = (o: Partial<Parameters<BroadcastRepository['finish']>[3]> = {}) => ({
  durationSec: 60,
  peakViewers: 3,
  uniqueViewers: 4,
  likes: 5,
  gifts: 1,
  giftValue: 10,
  messages: 2,
  topGifters: [],
  ...o,
});

describe('history', () => {
  it('lists broadcasts sorted by any figure, with the recording size', () => {
    const { repo, history, dir, storage } = setup();
    repo.create({ ...base, id: 'a', roomId: '1', title: 'Alpha', startedAt: 1000 });
    repo.create({ ...base, id: 'b', roomId: '2', title: 'beta', startedAt: 2000 });
    repo.finish('a', 'ended', 61_000, figures({ giftValue: 99 }));
    repo.finish('b', 'ended', 62_000, figures({ giftValue: 5 }));
    const file = join(dir, 'rec.mp4');
    writeFileSync(file, Buffer.alloc(1234));
    repo.setRecording('a', file, 1234);
    expect(history.list('startedAt', 'desc').broadcasts.map((b) => b.id)).toEqual(['b', 'a']);
    expect(history.list('giftValue', 'desc').broadcasts.map((b) => b.id)).toEqual(['a', 'b']);
    expect(history.list('title', 'asc').broadcasts.map((b) => b.title)).toEqual(['Alpha', 'beta']);
    expect(history.list('startedAt', 'desc').broadcasts[1]).toMatchObject({
      recordingBytes: 1234,
      status: 'ended',
      giftValue: 99,
    });
    const csv = history.exportCsv().csv.split('\r\n');
    expect(csv[0]).toMatch(/^title,room,status,started/);
    expect(csv[1]).toMatch(/^beta,2,ended,/);
    storage.close();
  });

  it('reports one broadcast with its time series in seconds and its files', () => {
    const { repo, history, storage } = setup();
    repo.create({ ...base, id: 'a', roomId: '1', title: 'A', startedAt: 1000 });
    repo.addSample('a', { t: 2000, viewers: 1, bitrateKbps: 2500, fps: 30, dropped: 0 });
    repo.addSample('a', { t: 3000, viewers: 2, bitrateKbps: 2600, fps: 30, dropped: 0 });
    repo.setRecording('a', '/nowhere/x.mp4', 77);
    const r = history.get('a');
    expect(r.samples).toEqual({ t: [2, 3], viewers: [1, 2], bitrateKbps: [2500, 2600] });
    expect(r.recordings).toEqual([{ path: '/nowhere/x.mp4', sizeBytes: 77, exists: false }]);
    expect(() => history.get('zzz')).toThrow(/not in the history/);
    storage.close();
  });

  it('marks a broadcast left open as interrupted, with the duration and peak its samples tell', async () => {
    const { repo, history, storage } = setup();
    repo.create({ ...base, id: 'a', roomId: '9', title: 'Crashed', startedAt: 10_000 });
    repo.addSample('a', { t: 11_000, viewers: 2, bitrateKbps: 1, fps: 1, dropped: 0 });
    repo.addSample('a', { t: 25_000, viewers: 5, bitrateKbps: 1, fps: 1, dropped: 0 });
    repo.setRecording('a', '/gone.mp4', 5);
    const keeper = new RecoveryKeeper(repo, noMedia, () => {});
    await keeper.markInterrupted();
    expect(history.get('a').broadcast).toMatchObject({
      status: 'interrupted',
      durationSec: 15,
      peakViewers: 5,
      endedAt: 25_000,
    });
    expect(keeper.current()).toMatchObject({
      broadcastId: 'a',
      roomId: '9',
      roomStillLive: false,
      recordings: [{ path: '/gone.mp4', playable: false }],
    });
    expect(keeper.resumable()).toBeNull();
    keeper.dismiss();
    await keeper.markInterrupted();
    expect(keeper.current()).toBeNull();
    storage.close();
  });
});
