// The house's import boundaries, as an ESLint rule: the studio (main/) and the platform (platform/) meet only
// through common/; common/ belongs to neither; test support is for tests, benchmarks and end-to-end runs only.
import { dirname, relative, resolve, sep } from 'node:path';

/** Where a repository path lives; paths are relative to the repository root, with forward slashes. */
function areaOf(path) {
  const top = path.split('/')[0];
  return ['common', 'main', 'platform', 'testSupport', 'renderer', 'preload', 'e2e', 'bench'].includes(top)
    ? top
    : 'other';
}

function isTestCode(path) {
  return /\.test\.tsx?$/.test(path) || ['testSupport', 'e2e', 'bench'].includes(areaOf(path));
}

/** The studio's two entries embed the platform (local mode): they alone reach its public face. */
const embeddingEntries = new Set(['main/index.ts', 'main/headless.ts']);
const platformFace = new Set(['platform', 'platform/index', 'platform/index.ts']);

const wingNames = { main: 'the studio (main/)', platform: 'the platform (platform/)' };

/** Why an import from one file to another crosses a boundary, or null when it may. */
export function boundaryProblem(from, to) {
  const a = areaOf(from);
  const b = areaOf(to);
  if (b === 'testSupport' && !isTestCode(from))
    return "Product code may not import testSupport/: test doubles come in through the composition root's options.";
  if (a === 'common' && (b === 'main' || b === 'platform'))
    return `common/ is shared by both wings and may not import ${b}/.`;
  if ((a === 'main' && b === 'platform') || (a === 'platform' && b === 'main')) {
    if (a === 'main' && embeddingEntries.has(from) && platformFace.has(to)) return null;
    return `${wingNames[a]} may not import ${wingNames[b]}: share it through common/ (tests reach the other wing through testSupport/).`;
  }
  return null;
}

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const toRepoPath = (absolute) => relative(root, absolute).split(sep).join('/');

export const importBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'main/ and platform/ meet only through common/; product code never imports testSupport/.' },
    schema: [],
  },
  create(context) {
    const from = toRepoPath(resolve(context.cwd, context.filename));
    const check = (node, source) => {
      if (!source || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      const to = toRepoPath(resolve(dirname(resolve(context.cwd, context.filename)), source.value));
      const problem = boundaryProblem(from, to);
      if (problem) context.report({ node: source, message: problem });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source.type === 'Literal' ? node.source : null),
    };
  },
};

export const boundariesPlugin = { rules: { 'import-boundaries': importBoundaries } };
