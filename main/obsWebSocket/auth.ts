// The protocol's challenge authentication: a salt per password, a challenge per connection, and the check of
// base64(sha256(base64(sha256(password + salt)) + challenge)) in constant time.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const sha256Base64 = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64');

export interface Challenge {
  salt: string;
  challenge: string;
}

/** A fresh salt and challenge for one connection (32 random bytes each, base64, as OBS sends them). */
export function newChallenge(): Challenge {
  return { salt: randomBytes(32).toString('base64'), challenge: randomBytes(32).toString('base64') };
}

/** The string a client that knows the password sends in Identify. */
export function authenticationString(password: string, { salt, challenge }: Challenge): string {
  return sha256Base64(sha256Base64(password + salt) + challenge);
}

export function checkAuthentication(password: string, challenge: Challenge, answer: unknown): boolean {
  if (typeof answer !== 'string' || answer.length > 200) return false;
  const expected = Buffer.from(authenticationString(password, challenge));
  const given = Buffer.from(answer);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** A password for a new server: 16 letters and digits, easy to read out and to paste. */
export function newPassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const bytes = randomBytes(16);
  let out = '';
  // 256 % 56 leaves a small bias; rejection keeps every letter equally likely.
  for (let i = 0; out.length < 16; i++) {
    const b = i < bytes.length ? bytes[i]! : randomBytes(1)[0]!;
    if (b < 224) out += alphabet[b % alphabet.length];
  }
  return out;
}
