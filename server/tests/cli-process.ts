/** The server's CLI as a child process, for the two-process tests and the load bench. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/dynamic-chat-server.mjs', import.meta.url));

/** A running CLI: its public URL and its process. */
export interface CliProcess {
  url: string;
  child: ChildProcess;
}

/** Starts `dynamic-chat-server` with `args` (a free port) and `env`; resolves once it prints its public URL. */
export function startCli(args: string[], env: Record<string, string>): Promise<CliProcess> {
  const child = spawn(process.execPath, [BIN, ...args, '--port', '0'], {
    env: { ...process.env, HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk;
      const url = /public URL:\s+(\S+)/.exec(out)?.[1];
      if (url) resolve({ url, child });
    });
    child.stderr!.on('data', (chunk: Buffer) => { out += chunk; });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
}

/** Stops a CLI with SIGTERM and waits until it has exited. */
export function stopCli(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
