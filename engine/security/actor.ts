import { userInfo } from 'node:os';

/** Who ran a CLI command, for the audit log: the operating-system user, never a secret. */
export function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}
