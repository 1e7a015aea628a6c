// The live data of widget items (widgetItems.ts): the files their lines read, rewritten only when a line
// changes (atomically, so a reload never reads half a file), and the goal bar's fill width as commands.
import { renameSync, writeFileSync } from 'node:fs';
import type { Scene, SceneItem } from '../contract/scene';
import { cleanOverlayText } from '../scenes/drawtextEscape';
import type { FilterCommand } from './beautyFilter';
import { chatColumns, goalFillTarget, isWidget, widgetFile, type WidgetSource } from './widgetItems';

export interface ChatBoxLine {
  id: string;
  nick: string;
  text: string;
}

export interface WidgetData {
  viewers: number;
  /** Coins the show's gifts came to. */
  goalValue: number;
  /** Biggest gifters first. */
  gifters: { nick: string; value: number }[];
  /** Oldest first; only lines that may be drawn (never a blocked or revoked one). */
  chat: ChatBoxLine[];
}

/** One line of room text cut to `chars` characters: control and direction characters dropped, one line. */
export function fitLine(text: string, chars: number): string {
  const one = cleanOverlayText(text).replace(/\n/g, ' ');
  return [...one].length > chars ? `${[...one].slice(0, Math.max(1, chars - 1)).join('')}…` : one;
}

export class WidgetFiles {
  private data: WidgetData = { viewers: 0, goalValue: 0, gifters: [], chat: [] };
  private readonly written = new Map<string, string>();
  private readonly fills = new Map<string, string>();

  constructor(private readonly textDir: string) {}

  set(patch: Partial<WidgetData>): void {
    this.data = { ...this.data, ...patch };
  }

  /** What each line of a widget says now, by part name. */
  lines(s: WidgetSource, w: number): Record<string, string> {
    const d = this.data;
    const out: Record<string, string> = {};
    switch (s.kind) {
      case 'chatOverlay': {
        const { nameChars, textChars } = chatColumns(w, s.fontSize);
        const shown = d.chat.slice(-s.lines);
        // Newest at the bottom: the box's last lines hold the latest messages.
        for (let k = 0; k < s.lines; k++) {
          const line = shown[k - (s.lines - shown.length)];
          out[`name${k}`] = line ? fitLine(line.nick, nameChars) : '';
          out[`text${k}`] = line ? fitLine(line.text, textChars) : '';
        }
        break;
      }
      case 'topGifters':
        out.title = fitLine(s.title, 40);
        for (let k = 0; k < s.count; k++) {
          const g = d.gifters[k];
          out[`line${k}`] = g ? fitLine(`${k + 1}. ${g.nick}  ${g.value}`, 40) : '';
        }
        break;
      case 'viewerCount':
        out.line0 = fitLine(s.label.replace(/\{n\}/g, String(d.viewers)), 60);
        break;
      case 'goalBar':
        out.line0 = fitLine(`${s.title}  ${d.goalValue} / ${s.target}`, 60);
        break;
    }
    return out;
  }

  /**
   * Writes the files of every widget in `scene` that changed, and returns the goal fills that changed as
   * commands (`all`: every fill, for a compositor that just took over).
   */
  write(scene: Scene, all = false): FilterCommand[] {
    const commands: FilterCommand[] = [];
    for (const item of scene.items) {
      if (!isWidget(item.source)) continue;
      for (const [part, text] of Object.entries(this.lines(item.source, item.rect.width)))
        this.writeFile(widgetFile(this.textDir, item.id, part), text);
      if (item.source.kind === 'goalBar') commands.push(...this.fill(item, item.source.target, all));
    }
    return commands;
  }

  private fill(item: SceneItem, target: number, all: boolean): FilterCommand[] {
    const px = Math.round(item.rect.width * Math.min(1, this.data.goalValue / target));
    const key = `${px}`;
    if (!all && this.fills.get(item.id) === key) return [];
    this.fills.set(item.id, key);
    const t = goalFillTarget(item.id);
    // drawbox reads a width of 0 as the whole frame: an empty bar is a disabled box.
    return px <= 0
      ? [{ target: t, command: 'enable', arg: '0' }]
      : [
          { target: t, command: 'w', arg: String(px) },
          { target: t, command: 'enable', arg: item.visible ? '1' : '0' },
        ];
  }

  private writeFile(file: string, text: string): void {
    // drawtext cannot draw an empty file; a space is nothing on screen.
    const body = text.length ? text : ' ';
    if (this.written.get(file) === body) return;
    const tmp = `${file}.tmp`;
    writeFileSync(tmp, body);
    renameSync(tmp, file);
    this.written.set(file, body);
  }
}
