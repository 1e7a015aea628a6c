// The text files the compositor's drawtext filters reload: the slate, text items (with the room's live
// figures filled in); widgets' files are widgetFiles.ts's. Each is replaced atomically so a reload never reads half a file.
import { renameSync, writeFileSync } from 'node:fs';
import type { Scene } from '../contract/scene';
import type { CompositorPlan } from './sceneGraph';
import { liveText, sanitizeLine, type LiveFigures } from './textContent';

export class LiveTextFiles {
  private figures: LiveFigures = { viewers: 0, likes: 0, latestGift: '' };

  setFigures(figures: Partial<LiveFigures>): void {
    this.figures = { ...this.figures, ...figures };
  }

  /** Writes every file the plan's drawtext filters read, for the scene the plan was built from. */
  write(plan: CompositorPlan, scene: Scene): void {
    writeText(plan.slateFile, "We'll be right back");
    for (const item of scene.items) {
      const file = plan.textFiles[item.id];
      if (!file) continue;
      if (item.source.kind === 'text')
        writeText(
          file,
          item.source.live ? liveText(item.source.text, this.figures) : sanitizeLine(item.source.text, true),
        );
    }
  }
}

function writeText(file: string, text: string): void {
  const tmp = `${file}.tmp`;
  // drawtext cannot draw an empty file; a space is nothing on screen.
  writeFileSync(tmp, text.length ? text : ' ');
  renameSync(tmp, file);
}
