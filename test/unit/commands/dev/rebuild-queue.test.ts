import { describe, expect, it } from 'vitest'
import { RebuildQueue, SerialJobs } from '../../../../src/commands/dev/rebuild-queue.ts'

/** A promise and its resolve function, to wait for a job without a timer. */
function signal<T = void>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => {
    resolve = r
  })
  return { promise, resolve }
}

describe('kit dev: jobs after saves', () => {
  it('run one at a time; a job that throws or rejects is reported and the next job runs', async () => {
    const failures: unknown[] = []
    const jobs = new SerialJobs((error) => failures.push(error))
    const order: string[] = []
    const first = signal()
    void jobs.run(async () => {
      await first.promise
      order.push('first')
    })
    void jobs.run(() => {
      order.push('throws')
      throw new TypeError('a fault')
    })
    void jobs.run(() => Promise.reject(new Error('a rejection')))
    const last = jobs.run(() => order.push('after the failures'))
    first.resolve()
    await last
    expect(order).toEqual(['first', 'throws', 'after the failures'])
    expect(failures.map((e) => (e as Error).message)).toEqual(['a fault', 'a rejection'])
  })

  it('go on when reporting a failure fails too', async () => {
    const jobs = new SerialJobs(() => {
      throw new Error('the reporter broke')
    })
    await jobs.run(() => Promise.reject(new Error('a rejection')))
    let ran = false
    await jobs.run(() => {
      ran = true
    })
    expect(ran).toBe(true)
  })

  it('gather saves made during a pause into one job, and keep rebuilding after a job rejects', async () => {
    const failures: unknown[] = []
    const runs: string[][] = []
    const done = [signal(), signal()]
    const queue = new RebuildQueue(
      async (files) => {
        runs.push(files)
        done[runs.length - 1]?.resolve()
        if (runs.length === 1) throw new Error('the first rebuild broke')
      },
      (error) => failures.push(error),
      0,
    )
    queue.saved('content/modules/01-a.md')
    queue.saved('content/modules/01-a.md')
    queue.saved('content/workshop.yaml')
    await done[0]?.promise
    queue.saved('exercises/01-lab.md')
    await done[1]?.promise
    await queue.close()
    expect(runs).toEqual([['content/modules/01-a.md', 'content/workshop.yaml'], ['exercises/01-lab.md']])
    expect(failures).toHaveLength(1)
  })
})
