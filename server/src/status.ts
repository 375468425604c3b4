/**
 * The one-line state the client shows in its status item (`serverlessSecurityLint/status`).
 *
 * Errors are kept per analysed file: a bad configuration file is reported while any file that
 * reads it fails, and the state returns to `ok` once every such file analyses again. Only changes
 * are sent, because analysis runs on every keystroke.
 */
import { STATUS_NOTIFICATION, type StatusParams } from '../../protocol/index';

export type SendStatus = (params: StatusParams) => void;

export class StatusReporter {
  private readonly errors = new Map<string, string>();
  private busyMessage: string | undefined;
  private last: StatusParams | undefined;

  constructor(private readonly send: SendStatus) {}

  /** `path` could not be analysed, for `message`. */
  fileFailed(path: string, message: string): void {
    this.errors.set(path, message);
    this.update();
  }

  /** `path` was analysed; it no longer keeps the state at `error`. */
  fileSucceeded(path: string): void {
    if (this.errors.delete(path)) this.update();
  }

  /** Forget a file's error (it was closed or deleted). */
  forget(path: string): void {
    if (this.errors.delete(path)) this.update();
  }

  /** Long work (indexing, a workspace scan) is running; `undefined` when it ended. */
  busy(message: string | undefined): void {
    this.busyMessage = message;
    this.update();
  }

  private update(): void {
    const next = this.current();
    if (this.last && this.last.state === next.state && this.last.message === next.message) return;
    this.last = next;
    this.send(next);
  }

  private current(): StatusParams {
    // An error outranks progress: the user must fix it for the results to mean anything.
    const lastError = [...this.errors.values()].pop();
    if (lastError !== undefined) return { state: 'error', message: lastError };
    if (this.busyMessage !== undefined) return { state: 'analysing', message: this.busyMessage };
    return { state: 'ok', message: 'Ready' };
  }
}

export function statusSender(sendNotification: (method: string, params: StatusParams) => void): SendStatus {
  return (params) => sendNotification(STATUS_NOTIFICATION, params);
}
