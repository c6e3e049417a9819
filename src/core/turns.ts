/**
 * Runs async work one job at a time, in call order. Used where a shared
 * resource cannot be used in parallel (the console that marp-cli writes to).
 */
export class Turns {
  private last: Promise<unknown> = Promise.resolve()

  run<T>(work: () => Promise<T>): Promise<T> {
    const next = this.last.then(work, work)
    this.last = next.catch(() => undefined)
    return next
  }
}
