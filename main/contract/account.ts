// account.*: where the studio signs in (the embedded platform or a business server in the cloud) and who.
import { z } from 'zod';
import { defineCall, defineEvent, noInput } from './define';

export const accountStateSchema = z.object({
  mode: z.enum(['local', 'cloud']),
  /** The business server in use: the embedded platform's loopback address in local mode. */
  serverUrl: z.string().nullable(),
  /** The embedded platform's viewer page (local mode), to share with viewers. */
  viewerUrl: z.string().nullable(),
  /** Why the server is not usable right now (the embedded platform failed to start, no URL set). */
  serverProblem: z.string().nullable(),
  signedIn: z.boolean(),
  userId: z.string().nullable(),
  nickname: z.string().nullable(),
  balance: z.number().nullable(),
  sdkAppId: z.number().nullable(),
});
export type AccountState = z.infer<typeof accountStateSchema>;

const userId = z
  .string()
  .trim()
  .min(3, 'at least 3 characters')
  .max(32, 'at most 32 characters')
  .regex(/^[A-Za-z0-9_-]+$/, 'only letters, digits, _ and -');
const password = z.string().min(6, 'at least 6 characters').max(200);

export const accountCalls = {
  'account.state': defineCall(noInput, accountStateSchema, 'Mode, server and the signed-in account.'),
  'account.create': defineCall(
    z.object({ userId, password, nickname: z.string().trim().min(1).max(40) }).strict(),
    accountStateSchema,
    'Create an account on the server and sign in with it, in one step.',
  ),
  'account.signIn': defineCall(
    z.object({ userId, password }).strict(),
    accountStateSchema,
    'Sign in; the session token is kept encrypted.',
  ),
  'account.signOut': defineCall(noInput, accountStateSchema, 'Sign out and forget the session token.'),
  'account.setMode': defineCall(
    z
      .object({
        mode: z.enum(['local', 'cloud']),
        serverUrl: z
          .url({ protocol: /^https?$/ })
          .max(500)
          .optional(),
      })
      .strict(),
    accountStateSchema,
    'Use the embedded platform (local) or a business server (cloud). Signs out.',
  ),
} as const;

export const accountEvents = {
  'account.changed': defineEvent(accountStateSchema, 'The account state changed (signed in or out, mode, server).'),
} as const;
