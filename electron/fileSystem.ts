/** File helpers for the main process: atomic writes and error messages a person can act on. */
// One implementation of atomic writes (temporary file, fsync, rename, fsync of the folder) for every process.
export { writeFileAtomic } from '../engine/io/atomicFile';

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
