// History: every past broadcast with its end-page figures, one broadcast's report, and the CSV export.
import { existsSync, statSync } from 'node:fs';
import { StudioError, type BroadcastReport, type BroadcastSummary } from '../contract';
import { refusalWords } from '../contract/refusalWords';
import type { BroadcastRepository, BroadcastRow, BroadcastSort } from '../storage';
import { toCsv } from './csv';

function summary(r: BroadcastRow): BroadcastSummary {
  return {
    id: r.id,
    roomId: r.roomId,
    title: r.title,
    status: r.status,
    startedAt: r.startedAt,
    endedAt: r.endedAt,
    durationSec: r.durationSec,
    peakViewers: r.peakViewers,
    uniqueViewers: r.uniqueViewers,
    likes: r.likes,
    gifts: r.gifts,
    giftValue: r.giftValue,
    messages: r.messages,
    recordingBytes: r.recordingBytes,
  };
}

export class HistoryService {
  constructor(private readonly repo: BroadcastRepository) {}

  list(sort: BroadcastSort, direction: 'asc' | 'desc'): { broadcasts: BroadcastSummary[] } {
    return { broadcasts: this.repo.list(sort, direction).map(summary) };
  }

  get(id: string): BroadcastReport {
    const row = this.repo.get(id);
    if (!row) throw new StudioError('not_found', refusalWords.session.notInHistory);
    const samples = this.repo.samples(id);
    return {
      broadcast: summary(row),
      topGifters: row.topGifters,
      samples: {
        t: samples.map((s) => Math.round(s.t / 1000)),
        viewers: samples.map((s) => s.viewers),
        bitrateKbps: samples.map((s) => s.bitrateKbps),
      },
      recordings: this.repo.recordings(id).map((r) => {
        const exists = existsSync(r.path);
        return { path: r.path, exists, sizeBytes: exists ? statSync(r.path).size : r.sizeBytes };
      }),
    };
  }

  exportCsv(): { filename: string; csv: string } {
    const rows = this.repo.list('startedAt', 'desc');
    const header = [
      'title',
      'room',
      'status',
      'started',
      'ended',
      'duration_s',
      'peak_viewers',
      'unique_viewers',
      'likes',
      'gifts',
      'gift_value',
      'messages',
      'recording_bytes',
    ];
    const body = rows.map((r) => [
      r.title,
      r.roomId,
      r.status,
      new Date(r.startedAt).toISOString(),
      r.endedAt ? new Date(r.endedAt).toISOString() : '',
      Math.round(r.durationSec),
      r.peakViewers,
      r.uniqueViewers,
      r.likes,
      r.gifts,
      r.giftValue,
      r.messages,
      r.recordingBytes,
    ]);
    return { filename: `vj-studio-history-${new Date().toISOString().slice(0, 10)}.csv`, csv: toCsv(header, body) };
  }
}
