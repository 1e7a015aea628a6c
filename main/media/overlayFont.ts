// The font alerts and widgets draw with: one that has CJK glyphs, so a Chinese nickname or gift shows as
// itself. The studio ships none (no CJK font can be fetched into the build offline); it uses the system's:
// Debian's fonts-wqy-zenhei or Noto CJK, PingFang on macOS, Microsoft YaHei on Windows; without one,
// drawtext's own default (Latin only).
import { existsSync } from 'node:fs';

export const CJK_FONT_CANDIDATES: Partial<Record<NodeJS.Platform, string[]>> = {
  linux: [
    '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
    '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
    '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
    '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  ],
  darwin: ['/System/Library/Fonts/PingFang.ttc', '/System/Library/Fonts/STHeiti Medium.ttc'],
  win32: ['C:\\Windows\\Fonts\\msyh.ttc', 'C:\\Windows\\Fonts\\simhei.ttf'],
};

export function overlayFont(
  platform: NodeJS.Platform,
  exists: (path: string) => boolean = existsSync,
): string | undefined {
  return (CJK_FONT_CANDIDATES[platform] ?? []).find((p) => exists(p));
}
