// `npm run platform -- operator add USER [--password-file FILE] [--nickname N] --data-dir DIR`: the explicit act on
// the platform's machine that makes an operator (of an existing account, or a new one with that password), and
// `operator remove USER`. It writes the platform's database directly; run it where the platform keeps its data.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../common/sqlite/database';
import { runMigrations } from '../common/sqlite/migrationRunner';
import { applyOperatorGrants, type OperatorGrant } from './accounts/operators';
import { AccountsRepo } from './storage/accountsRepo';
import { platformMigrations } from './storage/migrations';

const USAGE =
  'Usage: npm run platform -- operator add USER [--password-file FILE] [--nickname NAME] [--data-dir DIR]\n' +
  '       npm run platform -- operator remove USER [--data-dir DIR]\n' +
  'Without --password-file, USER must be an existing account. The password may also come from PLATFORM_OPERATOR_PASSWORD.';

/** Runs the operator command; answers what to print and the exit code. */
export async function runOperatorCommand(
  argv: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; out: string }> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        'password-file': { type: 'string' },
        nickname: { type: 'string' },
        'data-dir': { type: 'string' },
      },
      allowPositionals: true,
    });
  } catch (e) {
    return { code: 2, out: `${(e as Error).message}\n${USAGE}` };
  }
  const [verb, userId, ...extra] = parsed.positionals;
  if ((verb !== 'add' && verb !== 'remove') || !userId || extra.length > 0) return { code: 2, out: USAGE };
  const dataDir = resolve(parsed.values['data-dir'] ?? env.PLATFORM_DATA_DIR ?? 'platform-data');
  const file = parsed.values['password-file'];
  const password = file ? readFileSync(file, 'utf8').replace(/\r?\n$/, '') : env.PLATFORM_OPERATOR_PASSWORD;
  if (password !== undefined && (password.length < 6 || password.length > 200))
    return { code: 2, out: 'An operator password needs 6 to 200 characters.' };
  const db = openDatabase(join(dataDir, 'platform.sqlite'));
  try {
    runMigrations(db, platformMigrations);
    const repo = new AccountsRepo(db);
    if (verb === 'remove') {
      if (!repo.get(userId)) return { code: 1, out: `There is no account "${userId}".` };
      repo.setRole(userId, 'user');
      return { code: 0, out: `"${userId}" is no longer an operator.` };
    }
    const nickname = parsed.values.nickname;
    const grant: OperatorGrant =
      password === undefined ? userId : { userId, password, ...(nickname ? { nickname } : {}) };
    await applyOperatorGrants(repo, [grant]);
    return { code: 0, out: `"${userId}" is an operator of the platform in ${dataDir}.` };
  } catch (e) {
    return { code: 1, out: (e as Error).message };
  } finally {
    db.close();
  }
}
