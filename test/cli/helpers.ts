/** Running the CLI in tests: the real binary in a child process, or runCli in-process with captured output. */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { runCli } from '../../cli/main';

export const root = path.resolve(import.meta.dirname, '../..');
export const bin = path.join(root, 'bin/netwright.mjs');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI the way `npx netwright` does. */
export function netwright(...args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd: root, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

/** Runs the CLI in this process (no start-up cost): every line printed, and the exit code. */
export async function netwrightInProcess(...args: string[]): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    readTextFile: (f) => readFile(f, 'utf8'),
    readBytes: async (f) => new Uint8Array(await readFile(f)),
  });
  return { code, stdout: out.map((l) => `${l}\n`).join(''), stderr: err.map((l) => `${l}\n`).join('') };
}

/** A started CLI process whose output can be awaited line by line. */
export class CliProcess {
  readonly child: ChildProcess;
  stdout = '';
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private waiters: { pattern: RegExp; resolve: () => void }[] = [];

  constructor(args: string[]) {
    this.child = spawn(process.execPath, [bin, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout!.on('data', (chunk: Buffer) => {
      this.stdout += chunk.toString();
      this.check();
    });
    this.child.stderr!.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve({ code, signal })));
    void this.exited.then(() => this.check(true));
  }

  /** Resolves when stdout matches `pattern` (or the process has ended). */
  output(pattern: RegExp): Promise<void> {
    return new Promise((resolve) => {
      this.waiters.push({ pattern, resolve });
      this.check();
    });
  }

  private check(ended = false): void {
    this.waiters = this.waiters.filter((w) => {
      if (!ended && !w.pattern.test(this.stdout)) return true;
      w.resolve();
      return false;
    });
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
