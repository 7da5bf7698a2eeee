// Node built-ins: reading a passphrase for the command line. From a terminal: a prompt on stderr
// and the typing not shown. Otherwise: the next line of standard input (for scripts and tests).
// Never from an argument, where it would land in the shell history and the process list.
import { createInterface } from 'node:readline';

export type ReadSecret = (prompt: string) => Promise<string>;

/** Typing with echo off, in raw mode; Backspace works, Ctrl-C cancels. */
function readFromTerminal(prompt: string): Promise<string> {
  const stdin = process.stdin;
  // Echo goes off before the prompt shows: what is typed as soon as the prompt appears is never shown.
  stdin.setRawMode(true);
  process.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let typed = '';
    stdin.resume();
    stdin.setEncoding('utf8');
    const done = (err?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.removeListener('data', onData);
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(typed);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(Object.assign(new Error('Cancelled.'), { code: 'cancelled' }));
        if (ch === '\u0004') return done();
        if (ch === '\u007f' || ch === '\b') typed = [...typed].slice(0, -1).join('');
        else if (ch >= ' ') typed += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** Lines of standard input, one per call, in order; a missing line is an empty passphrase. */
function stdinLines(): { read: ReadSecret; close(): void } {
  const rl = createInterface({ input: process.stdin, terminal: false, crlfDelay: Infinity });
  const lines: string[] = [];
  const waiting: Array<(line: string | null) => void> = [];
  let ended = false;
  rl.on('line', (line) => {
    const next = waiting.shift();
    if (next) next(line);
    else lines.push(line);
  });
  rl.on('close', () => {
    ended = true;
    for (const w of waiting.splice(0)) w(null);
  });
  return {
    read: () =>
      new Promise((resolve) => {
        if (lines.length > 0) return resolve(lines.shift() ?? '');
        if (ended) return resolve('');
        waiting.push((line) => resolve(line ?? ''));
      }),
    close: () => {
      rl.close();
      process.stdin.destroy();
    },
  };
}

/** The reader for this process: the terminal when there is one, else standard input's lines. */
export function processSecretReader(): { read: ReadSecret; close(): void } {
  if (process.stdin.isTTY && typeof process.stdin.setRawMode === 'function') return { read: readFromTerminal, close: () => undefined };
  return stdinLines();
}
