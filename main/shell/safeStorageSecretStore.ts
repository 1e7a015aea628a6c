// The session token at rest in the Electron studio: encrypted with the OS keychain through safeStorage.
// Where the OS offers no encryption (Linux without a keyring), the token is not kept: the VJ signs in again.
import { safeStorage } from 'electron';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SecretStore } from '../session';

export class SafeStorageSecretStore implements SecretStore {
  readonly kind = 'Electron safeStorage';

  constructor(private readonly file: string) {}

  read(): string | null {
    if (!safeStorage.isEncryptionAvailable()) return null;
    try {
      return safeStorage.decryptString(readFileSync(this.file));
    } catch {
      return null;
    }
  }

  write(secret: string): void {
    if (!safeStorage.isEncryptionAvailable())
      throw new Error('this system offers no encrypted storage, so you will sign in again next time');
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(this.file, safeStorage.encryptString(secret), { mode: 0o600 });
    chmodSync(this.file, 0o600);
  }

  clear(): void {
    rmSync(this.file, { force: true });
  }
}
