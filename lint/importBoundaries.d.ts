// Types of the import-boundaries rule (written in JavaScript, because eslint.config.js loads it as is).
import type { ESLint, Rule } from 'eslint';

export function boundaryProblem(from: string, to: string): string | null;
export const importBoundaries: Rule.RuleModule;
export const boundariesPlugin: ESLint.Plugin;
