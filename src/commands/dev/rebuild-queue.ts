/**
 * `kit dev`'s queue of work after saves: saves are gathered for a short
 * pause, so that a burst of them (an editor saving several files, a
 * replace-by-rename) rebuilds once, then handed to one job at a time. Every
 * job's failure, thrown or rejected, goes to `failed` and the queue runs
 * on: no failure can stop `kit dev` or the jobs after it.
 */
export class RebuildQueue {
  private readonly changed = new Set<string>()
  private timer: NodeJS.Timeout | undefined
  private readonly jobs: SerialJobs

  constructor(
    private readonly job: (files: string[]) => Promise<void>,
    failed: (error: unknown) => void,
    private readonly pauseMs = 120,
  ) {
    this.jobs = new SerialJobs(failed)
  }

  /** A saved file (relative to the project): a job runs after the pause, once the jobs before it are done. */
  saved(file: string): void {
    this.changed.add(file)
    clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      const files = [...this.changed]
      this.changed.clear()
      void this.jobs.run(() => this.job(files))
    }, this.pauseMs)
  }

  /** Drops the saves still in their pause and waits for the running jobs. */
  close(): Promise<void> {
    clearTimeout(this.timer)
    return this.jobs.idle()
  }
}

/** Jobs run one after another; each job's failure goes to `failed`, never to the next job or the caller. */
export class SerialJobs {
  private tail: Promise<void> = Promise.resolve()

  constructor(private readonly failed: (error: unknown) => void) {}

  /** Queues `job`; the promise resolves (never rejects) when it has run. */
  run(job: () => Promise<unknown> | unknown): Promise<void> {
    this.tail = this.tail.then(job).then(
      () => undefined,
      (error: unknown) => this.report(error),
    )
    return this.tail
  }

  /** Resolves when every queued job has run. */
  idle(): Promise<void> {
    return this.tail
  }

  private report(error: unknown): void {
    try {
      this.failed(error)
    } catch {
      // Reporting is the last resort: a reporter that fails must not break the chain either.
    }
  }
}
