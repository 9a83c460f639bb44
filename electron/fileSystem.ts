/** File helpers for the main process: atomic writes and error messages a person can act on. */
import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';

/**
 * Writes via a temporary file and a rename, so a crash mid-write leaves either the old file or the
 * new one, never half of each.
 */
export async function writeFileAtomic(filePath: string, content: string | Uint8Array): Promise<void> {
  const temporary = `${filePath}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, content, typeof content === 'string' ? 'utf8' : undefined);
    await rename(temporary, filePath);
  } catch (err) {
    await rm(temporary, { force: true });
    throw err;
  }
}

/** The Node error code of a file-system failure, if it has one. */
export function errorCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined;
}

/** "Could not read …: the file does not exist." — what failed, where, and why in plain words. */
export function describeFileError(action: 'read' | 'write', filePath: string, err: unknown): string {
  const reasons: Record<string, string> = {
    ENOENT: action === 'read' ? 'the file does not exist' : 'its folder does not exist',
    EACCES: 'permission denied',
    EPERM: 'the operation is not permitted',
    EISDIR: 'it is a folder, not a file',
    EROFS: 'the disk is read-only',
    ENOSPC: 'the disk is full',
    EBUSY: 'the file is in use by another program',
  };
  const code = errorCode(err);
  const reason = (code && reasons[code]) ?? (err instanceof Error ? err.message : String(err));
  return `Could not ${action} ${filePath}: ${reason}.`;
}
