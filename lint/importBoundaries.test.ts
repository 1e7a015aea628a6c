// The import boundaries bite: ESLint's own Node API, with the repository's config, on fixture sources placed in
// each wing, refuses every crossing and passes the imports the house allows; and the tree itself passes.
import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { boundariesPlugin } from './importBoundaries.js';

const root = resolve(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: root });
const RULE = 'boundaries/import-boundaries';

/** The boundary messages ESLint gives a source placed at `filePath` (relative to the repository). */
async function boundaryMessages(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: resolve(root, filePath) });
  return (result?.messages ?? []).filter((m) => m.ruleId === RULE).map((m) => m.message);
}

describe('import boundaries', () => {
  it('refuses the studio importing the platform, in every form of import', async () => {
    const source = [
      "import { RoomService } from '../../platform/rooms/roomService';",
      "export { startPlatform } from '../../platform';",
      "export * from '../../platform/im/hub';",
      "export async function later() { return import('../../platform/index'); }",
      'export const used = RoomService;',
    ].join('\n');
    const messages = await boundaryMessages('main/session/fixture.ts', source);
    expect(messages).toHaveLength(4);
    for (const m of messages) expect(m).toMatch(/the studio \(main\/\) may not import the platform \(platform\/\)/);
  });

  it('refuses the platform importing the studio, tests included', async () => {
    const source = "import { openStudioStorage } from '../../main/storage';\nexport const s = openStudioStorage;\n";
    expect(await boundaryMessages('platform/rooms/fixture.ts', source)).toEqual([
      expect.stringMatching(
        /the platform \(platform\/\) may not import the studio \(main\/\): share it through common\//,
      ),
    ]);
    expect(await boundaryMessages('platform/rooms/fixture.test.ts', source)).toHaveLength(1);
  });

  it('lets both wings import common/, and refuses common/ importing either wing', async () => {
    const shared = "import { openDatabase } from '../../common/sqlite/database';\nexport const o = openDatabase;\n";
    expect(await boundaryMessages('main/storage/fixture.ts', shared)).toEqual([]);
    expect(await boundaryMessages('platform/storage/fixture.ts', shared)).toEqual([]);
    expect(
      await boundaryMessages('common/sqlite/fixture.ts', "export { StudioError } from '../../main/contract';\n"),
    ).toEqual([expect.stringMatching(/common\/ is shared by both wings and may not import main\//)]);
    expect(
      await boundaryMessages('common/sqlite/fixture.ts', "export { startPlatform } from '../../platform';\n"),
    ).toEqual([expect.stringMatching(/may not import platform\//)]);
  });

  it('keeps test support out of product code, and lets tests, benchmarks and e2e use it', async () => {
    const support = "import { tempPlatform } from '../../testSupport/platform';\nexport const t = tempPlatform;\n";
    for (const product of ['main/session/fixture.ts', 'platform/rooms/fixture.ts', 'common/sqlite/fixture.ts'])
      expect(await boundaryMessages(product, support)).toEqual([
        expect.stringMatching(/Product code may not import testSupport\//),
      ]);
    expect(await boundaryMessages('main/session/fixture.test.ts', support)).toEqual([]);
    expect(await boundaryMessages('common/sqlite/fixture.test.ts', support)).toEqual([]);
    const fromTop = "import { tempPlatform } from '../testSupport/platform';\nexport const t = tempPlatform;\n";
    expect(await boundaryMessages('bench/fixture.bench.ts', fromTop)).toEqual([]);
    expect(await boundaryMessages('e2e/fixture.e2e.ts', fromTop)).toEqual([]);
  });

  it("lets only the studio's two entries embed the platform, and only through its public face", async () => {
    const embed = "import { startPlatform } from '../platform';\nexport const s = startPlatform;\n";
    expect(await boundaryMessages('main/index.ts', embed)).toEqual([]);
    expect(await boundaryMessages('main/headless.ts', embed)).toEqual([]);
    expect(await boundaryMessages('main/other.ts', embed)).toHaveLength(1);
    const inner = "import { RoomService } from '../platform/rooms/roomService';\nexport const r = RoomService;\n";
    expect(await boundaryMessages('main/index.ts', inner)).toHaveLength(1);
  });

  it('resolves paths instead of matching names: main/chat/platform/ is the studio, not the platform', async () => {
    const source = "import { frameToChat } from '../platform/frameMapping';\nexport const f = frameToChat;\n";
    expect(await boundaryMessages('main/chat/tencent/fixture.ts', source)).toEqual([]);
  });

  it('passes on the tree', async () => {
    // This rule alone (the full config runs in `npm run lint`), so the whole tree is parsed once, quickly.
    const boundariesOnly = new ESLint({
      cwd: root,
      overrideConfigFile: true,
      overrideConfig: [
        { ignores: ['**/vendor/**'] },
        {
          files: ['**/*.{ts,tsx}'],
          languageOptions: { parser: tseslint.parser },
          plugins: { boundaries: boundariesPlugin },
          rules: { [RULE]: 'error' },
        },
      ],
    });
    const results = await boundariesOnly.lintFiles([
      'common',
      'main',
      'platform',
      'testSupport',
      'renderer',
      'preload',
    ]);
    const crossings = results.flatMap((r) =>
      r.messages.filter((m) => m.ruleId === RULE).map((m) => `${r.filePath}:${m.line} ${m.message}`),
    );
    expect(results.length).toBeGreaterThan(300);
    expect(crossings).toEqual([]);
  }, 180_000);
});
