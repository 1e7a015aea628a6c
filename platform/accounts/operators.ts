// Operators exist only by an explicit act on the platform's machine: a grant (the --operator flag, the platform's
// options, or `npm run platform -- operator add`) that names an existing account, or creates one with a password.
// Registering a user ID through the API never makes an operator, whatever the configuration names.
import { checkPassword, hashPassword } from '../auth/password';
import type { AccountsRepo } from '../storage/accountsRepo';

/** A user ID alone must name an account that exists; with a password the account is created, or must match it. */
export type OperatorGrant = string | { userId: string; password: string; nickname?: string };

export class OperatorGrantError extends Error {}

/** Applies each grant, or refuses the first that cannot be applied, saying why (the platform does not start). */
export async function applyOperatorGrants(repo: AccountsRepo, grants: readonly OperatorGrant[]): Promise<string[]> {
  const granted: string[] = [];
  for (const grant of grants) {
    const g = typeof grant === 'string' ? { userId: grant } : grant;
    const account = repo.get(g.userId);
    if (!('password' in g)) {
      if (!account || account.guest)
        throw new OperatorGrantError(
          `The operator "${g.userId}" names no account. Create it first, or grant it with a password: npm run platform -- operator add ${g.userId} --password-file FILE`,
        );
    } else if (account) {
      // An account of that name made by someone else is not taken over: the grant's password must be its own.
      if (account.guest || !(await checkPassword(g.password, account.passwordHash)))
        throw new OperatorGrantError(
          `The operator "${g.userId}" already exists with another password: it is not made an operator.`,
        );
    } else {
      const passwordHash = await hashPassword(g.password);
      repo.create({ userId: g.userId, nickname: g.nickname ?? g.userId, passwordHash, balance: 0, guest: false });
    }
    repo.setRole(g.userId, 'operator');
    granted.push(g.userId);
  }
  return granted;
}
