import { setTimeout as sleep } from 'node:timers/promises';
import type { Operation } from './api-types';
import type { CommandContext } from './context';
import { CliError, EXIT } from './exit-codes';
import { endLines, hasEnded, liveLine, stepLine } from './views/operations';

/** How often a followed operation is read: well within a token's 10 calls a second. */
const FOLLOW_EVERY_MS = 1000;
/** How long a follower keeps trying while Tandem does not answer (a restart of the instance it reaches). */
const UNREACHABLE_FOR_MS = 30_000;

/**
 * Follows an operation to its end by reading `GET /operations/{id}` every second: a line
 * per step as it starts (without a terminal), finishes or is skipped, a live line with the
 * running step and its progress on a terminal, then the outcome. With `--json` only the
 * final operation is printed, as the API sends it. 0 when it succeeded, 1 when it failed,
 * was cancelled or interrupted; Ctrl-C stops following (130) and leaves it running.
 */
export async function followOperation({ client, json, io }: CommandContext, operationId: number): Promise<number> {
  const out = io.stdout;
  const printed = new Map<number, string>();
  let live = false;
  let answeredAt = Date.now();
  const clearLive = () => {
    if (live) out.write('\r\x1b[K');
    live = false;
  };
  const stopped = () => {
    clearLive();
    io.stderr.write(`tandem: stopped following; operation ${operationId} goes on in Tandem (tandem operations --follow ${operationId}).\n`);
    return EXIT.interrupted;
  };
  /** Waits for the next read; false on Ctrl-C. */
  const pause = () => sleep(FOLLOW_EVERY_MS, undefined, { signal: io.interrupted }).then(() => true, () => false);
  for (;;) {
    let answer;
    try {
      answer = await client.get<Operation>(`/operations/${operationId}`);
      answeredAt = Date.now();
    } catch (error) {
      if (io.interrupted.aborted) return stopped();
      const retry = error instanceof CliError && error.exitCode === EXIT.unreachable && Date.now() - answeredAt < UNREACHABLE_FOR_MS;
      if (!retry) {
        clearLive();
        throw error;
      }
      if (!(await pause())) return stopped();
      continue;
    }
    const operation = answer.json;
    if (!json) {
      for (const step of operation.steps) {
        if (step.status === 'pending' || (out.isTTY && step.status === 'running')) continue;
        const line = stepLine(operation, step);
        if (printed.get(step.position) === line) continue;
        printed.set(step.position, line);
        clearLive();
        out.write(`${line}\n`);
      }
    }
    if (hasEnded(operation)) {
      clearLive();
      out.write(json ? `${answer.text}\n` : endLines(operation));
      return operation.status === 'succeeded' ? EXIT.ok : EXIT.failed;
    }
    if (!json && out.isTTY) {
      const line = liveLine(operation, Date.now());
      out.write(`\r\x1b[K${out.columns ? line.slice(0, out.columns - 1) : line}`);
      live = true;
    }
    if (!(await pause())) return stopped();
  }
}
