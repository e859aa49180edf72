/**
 * Scan progress for people watching a terminal. Tasks are named by the scanner
 * (`aws 123456789012 eu-west-1 aws_instance`, `state s3://bucket/key`).
 *
 * - On a TTY: a live display (cli-progress MultiBar) with an overall line (tasks done, resources
 *   listed, errors) and one line per running task (listed / total or remaining / errors). Only a
 *   few task lines are drawn at once, because a scan runs hundreds of tasks and more lines than the
 *   terminal has would scroll and break the redraw. A failed task is logged above the display so
 *   its reason stays on screen.
 * - Not a TTY: nothing, except with `verbose` one line per finished task on the given stream
 *   (stderr: stdout belongs to the report).
 * Progress never sees attribute values, only task names and counts, so it cannot leak a secret.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  start(task: string, total?: number): void;
  advance(task: string, by?: number): void;
  fail(task: string, reason: string): void;
  finish(task: string): void;
  /** Ends the display; tasks not finished are reported as interrupted. Safe to call twice. */
  stop(): void;
}

export interface ProgressOptions {
  readonly tty: boolean;
  /** Where progress goes; pass process.stderr. */
  readonly stream: NodeJS.WritableStream;
  /** Not a TTY: one line per finished task. */
  readonly verbose?: boolean;
  /** Task lines drawn at once on a TTY (default 8). */
  readonly maxLines?: number;
}

interface TaskState {
  readonly name: string;
  total: number | undefined;
  listed: number;
  readonly errors: string[];
  finished: boolean;
  bar: cliProgress.SingleBar | undefined;
}

export const silentProgress: Progress = {
  start() {},
  advance() {},
  fail() {},
  finish() {},
  stop() {},
};

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** `42 listed`, `42/100 listed, 58 remaining`, plus errors: the counts part of every line. */
export function describeTaskCounts(task: {
  listed: number;
  total: number | undefined;
  errors: ReadonlyArray<string>;
}): string {
  const remaining =
    task.total !== undefined ? `/${task.total} listed, ${Math.max(0, task.total - task.listed)} remaining` : ' listed';
  const errors = task.errors.length > 0 ? `, ${plural(task.errors.length, 'error')}` : '';
  return `${task.listed}${remaining}${errors}`;
}

class TaskBook {
  readonly tasks = new Map<string, TaskState>();

  get(name: string): TaskState {
    let task = this.tasks.get(name);
    if (!task) {
      task = { name, total: undefined, listed: 0, errors: [], finished: false, bar: undefined };
      this.tasks.set(name, task);
    }
    return task;
  }

  counts(): { done: number; total: number; listed: number; errors: number; running: number } {
    let done = 0;
    let listed = 0;
    let errors = 0;
    for (const task of this.tasks.values()) {
      if (task.finished) done += 1;
      listed += task.listed;
      errors += task.errors.length;
    }
    return { done, total: this.tasks.size, listed, errors, running: this.tasks.size - done };
  }
}

function finishedLine(task: TaskState, interrupted = false): string {
  const status = task.errors.length > 0 ? 'failed' : interrupted ? 'interrupted' : 'done';
  const reasons = task.errors.length > 0 ? `: ${task.errors.join('; ')}` : '';
  return `${status} ${task.name} (${describeTaskCounts(task)})${reasons}`;
}

/** Non-TTY progress: silent, or one line per finished task. */
function createLineProgress(stream: NodeJS.WritableStream, verbose: boolean): Progress {
  const book = new TaskBook();
  let stopped = false;
  const emit = (task: TaskState, interrupted = false) => {
    if (verbose && !stopped) stream.write(`${finishedLine(task, interrupted)}\n`);
  };
  return {
    start: (name, total) => {
      const task = book.get(name);
      task.total = total;
    },
    advance: (name, by = 1) => {
      book.get(name).listed += by;
    },
    fail: (name, reason) => {
      book.get(name).errors.push(reason);
    },
    finish: (name) => {
      const task = book.get(name);
      if (task.finished) return;
      task.finished = true;
      emit(task);
    },
    stop: () => {
      for (const task of book.tasks.values()) {
        if (!task.finished) {
          task.finished = true;
          emit(task, true);
        }
      }
      stopped = true;
    },
  };
}

function fit(text: string, width: number): string {
  return width > 0 && text.length > width ? `${text.slice(0, Math.max(0, width - 1))}…` : text;
}

function barGlyphs(listed: number, total: number | undefined, width: number): string {
  if (total === undefined || total <= 0) return ' '.repeat(width);
  const filled = Math.min(width, Math.round((listed / total) * width));
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
}

/** TTY progress: a live multi-line display. */
function createTtyProgress(stream: NodeJS.WritableStream, maxLines: number): Progress {
  const book = new TaskBook();
  const nameWidth = 44;
  const multibar = new cliProgress.MultiBar({
    stream: stream as NodeJS.WriteStream,
    hideCursor: true,
    clearOnComplete: false,
    linewrap: false,
    gracefulExit: true,
    format: (_options, params, payload: { task?: string }) => {
      if (payload.task === undefined) {
        const counts = book.counts();
        const hidden = counts.running - [...book.tasks.values()].filter((task) => task.bar).length;
        const more = hidden > 0 ? ` (${hidden} more running)` : '';
        const line =
          `Scanning: ${counts.done}/${counts.total} tasks done, ${counts.listed} resources listed, ` +
          `${plural(counts.errors, 'error')}${more}`;
        return fit(line, params.maxWidth);
      }
      const task = book.get(payload.task);
      const name = task.name.length > nameWidth ? `…${task.name.slice(-(nameWidth - 1))}` : task.name.padEnd(nameWidth);
      const mark = task.errors.length > 0 ? '✗' : '•';
      return fit(
        `  ${mark} ${name} ${barGlyphs(task.listed, task.total, 20)} ${describeTaskCounts(task)}`,
        params.maxWidth,
      );
    },
  });
  const overall = multibar.create(1, 0, {});
  let stopped = false;

  const visibleBars = () => [...book.tasks.values()].filter((task) => task.bar).length;
  const attachBar = (task: TaskState) => {
    if (!task.bar && !task.finished && visibleBars() < maxLines)
      task.bar = multibar.create(task.total ?? 1, task.listed, { task: task.name });
  };
  const refresh = (task: TaskState) => {
    task.bar?.setTotal(task.total ?? Math.max(1, task.listed));
    task.bar?.update(task.listed);
    overall.update(book.counts().done);
  };

  return {
    start: (name, total) => {
      if (stopped) return;
      const task = book.get(name);
      task.total = total;
      attachBar(task);
      overall.setTotal(book.tasks.size);
      refresh(task);
    },
    advance: (name, by = 1) => {
      if (stopped) return;
      const task = book.get(name);
      task.listed += by;
      refresh(task);
    },
    fail: (name, reason) => {
      if (stopped) return;
      const task = book.get(name);
      task.errors.push(reason);
      refresh(task);
    },
    finish: (name) => {
      if (stopped) return;
      const task = book.get(name);
      if (task.finished) return;
      task.finished = true;
      if (task.errors.length > 0) multibar.log(`${finishedLine(task)}\n`);
      if (task.bar) {
        multibar.remove(task.bar);
        task.bar = undefined;
      }
      for (const waiting of book.tasks.values()) attachBar(waiting);
      overall.update(book.counts().done);
    },
    stop: () => {
      if (stopped) return;
      stopped = true;
      for (const task of book.tasks.values()) {
        if (!task.finished && task.errors.length > 0) multibar.log(`${finishedLine(task, true)}\n`);
      }
      multibar.update(); // flushes the log lines: MultiBar.stop() does not
      multibar.stop();
    },
  };
}

export function createProgress(options: ProgressOptions): Progress {
  if (options.tty) return createTtyProgress(options.stream, options.maxLines ?? 8);
  return createLineProgress(options.stream, options.verbose === true);
}
