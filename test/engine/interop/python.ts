/** Running Debian's python3 (with python3-torch) from the interop tests. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ExportFile } from '../../../engine/interop';

export const PYTHON = '/usr/bin/python3';

/** Runs python3 with one OpenMP thread; returns status and output. */
export function runPython(args: string[], cwd?: string, timeoutMs = 120_000): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(PYTHON, args, { cwd, encoding: 'utf8', timeout: timeoutMs, env: { ...process.env, OMP_NUM_THREADS: '1' } });
  if (result.error) return { status: null, stdout: '', stderr: String(result.error) };
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Why torch cannot be used from python3, or null when it can: a missing torch fails the tests, never skips them. */
export function torchProblem(): string | null {
  const r = runPython(['-c', 'import torch, numpy; print(torch.__version__)']);
  if (r.status === 0) return null;
  return `${PYTHON} cannot import torch (install Debian's python3-torch; CI does): ${r.stderr.trim() || 'python3 did not run'}`;
}

/** Writes export files into a fresh temporary folder and returns it. */
export function writeExport(files: ExportFile[], prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `netwright-${prefix}-`));
  for (const f of files) {
    const target = path.join(dir, f.path);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, f.data);
  }
  return dir;
}
