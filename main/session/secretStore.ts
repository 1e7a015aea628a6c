// Where the session token rests between runs. The Electron shell keeps it with safeStorage (main/shell);
// the headless host keeps it in a file only its user can read (0600).
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface SecretStore {
  /** Where and how the secret is kept, for the System panel and logs. */
  readonly kind: string;
  read(): string | null;
  write(secret: string): void;
  clear(): void;
}

export class FileSecretStore implements SecretStore {
  readonly kind = 'file (0600)';

  constructor(private readonly file: string) {}

  read(): string | null {
    try {
      return readFileSync(this.file, 'utf8');
    } catch {
      return null;
    }
  }

  write(secret: string): void {
    mkdirSync(dirname(this.file), { recursive: true });
    // Write then chmod: the mode of writeFileSync only applies when it creates the file.
    writeFileSync(this.file, secret, { mode: 0o600 });
    chmodSync(this.file, 0o600);
  }

  clear(): void {
    rmSync(this.file, { force: true });
  }
}
