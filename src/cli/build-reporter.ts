import { createLogUpdate } from 'log-update'
import pc from 'picocolors'
import { plural } from '../core/plural.ts'
import type { BuildEvent, BuildResult } from '../commands/build.ts'
import { formatBytes } from '../core/format.ts'

/**
 * Turns build events into terminal output. On a terminal: one live status
 * line per stage (done / total, elapsed), redrawn by log-update. Elsewhere:
 * one plain line per finished artefact. Always (unless quiet): a closing
 * summary table. Colours follow picocolors, which honours NO_COLOR.
 */
export interface ReporterOptions {
  tty: boolean
  quiet: boolean
  verbose: boolean
  stream: NodeJS.WriteStream | { write(text: string): unknown; isTTY?: boolean }
}

const STAGES = ['load', 'render', 'export', 'write'] as const
type Stage = (typeof STAGES)[number]

export class BuildReporter {
  private readonly started = Date.now()
  private readonly stages = new Map<Stage, { done: number; total: number; cached: number; started: number }>()
  private current: Stage | undefined
  private readonly live: ReturnType<typeof createLogUpdate> | undefined
  private timer: NodeJS.Timeout | undefined

  constructor(private readonly options: ReporterOptions) {
    if (options.tty && !options.quiet) {
      this.live = createLogUpdate(options.stream as NodeJS.WriteStream, { showCursor: true })
      this.timer = setInterval(() => this.draw(), 250)
      this.timer.unref()
    }
  }

  readonly handle = (event: BuildEvent): void => {
    if (this.options.quiet) return
    if (event.type === 'stage') {
      if (this.current) this.finishStage(this.current)
      this.current = event.stage
      this.stages.set(event.stage, { done: 0, total: event.total, cached: 0, started: Date.now() })
    } else if (event.type === 'job') {
      const stage = this.stages.get('export')
      if (stage) {
        stage.done++
        if (event.status === 'cached') stage.cached++
      }
      if (!this.live || this.options.verbose) this.line(`${event.label}  ${event.status === 'cached' ? pc.dim('cached') : pc.green('built')}  ${event.seconds.toFixed(1)} s`)
    } else if (event.type === 'cache') {
      if (this.options.verbose) this.line(`cache: ${formatBytes(event.bytes)} in .kit-cache/artefacts (entries of the last builds only)`)
    } else if (event.type === 'file') {
      if (this.options.verbose || (!this.live && !event.edition)) {
        this.line(`${event.edition ? `${event.edition}/` : ''}${event.path}${event.pages ? `  ${plural(event.pages, 'page')}` : ''}  ${formatBytes(event.bytes)}`)
      }
    }
    this.draw()
  }

  /** Stops the live display and prints the summary table. */
  finish(result: BuildResult | undefined): void {
    if (this.current) this.finishStage(this.current)
    this.current = undefined
    if (this.timer) clearInterval(this.timer)
    this.live?.clear()
    this.live?.done()
    if (!result || this.options.quiet) return
    this.line(summaryTable(result))
  }

  private finishStage(stage: Stage): void {
    const s = this.stages.get(stage)
    if (!s) return
    if (stage !== 'export') s.done = s.total
    if (this.live) {
      this.live.clear()
      this.line(statusLine(stage, s, Date.now() - s.started, true))
    }
  }

  private draw(): void {
    if (!this.live || !this.current) return
    const s = this.stages.get(this.current)
    if (s) this.live(`${statusLine(this.current, s, Date.now() - s.started, false)}  ${pc.dim(`(${((Date.now() - this.started) / 1000).toFixed(1)} s in all)`)}`)
  }

  private line(text: string): void {
    this.options.stream.write(`${text}\n`)
  }
}

function statusLine(stage: Stage, s: { done: number; total: number; cached: number }, ms: number, finished: boolean): string {
  const what =
    stage === 'export'
      ? `${s.done}/${s.total} browser artefacts${s.cached ? `, ${s.cached} cached` : ''}`
      : stage === 'render'
        ? plural(s.total, 'edition')
        : stage === 'write'
          ? `${plural(s.total, 'edition folder')} and zips`
          : 'sources'
  return `${finished ? pc.green('✔') : pc.cyan('…')} ${stage.padEnd(6)} ${what}  ${pc.dim(`${(ms / 1000).toFixed(1)} s`)}`
}

/** The closing table: artefact, pages, size, time, cached or built. */
export function summaryTable(result: BuildResult): string {
  const rows: string[][] = [['artefact', 'pages', 'size', 'time', 'how']]
  for (const edition of result.editions) {
    for (const file of edition.files.filter((f) => !f.path.startsWith('assets/')).sort((a, b) => a.path.localeCompare(b.path))) {
      rows.push([`${edition.id}/${file.path}`, file.pages ? String(file.pages) : '', formatBytes(file.bytes), file.origin === 'built' ? `${file.seconds.toFixed(1)} s` : '', file.origin])
    }
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)))
  const format = (r: string[]) =>
    r
      .map((cell, c) => (c === 0 || c === 4 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
      .join('  ')
      .trimEnd()
  const [head, ...body] = rows
  return [pc.bold(format(head!)), ...body.map(format)].join('\n')
}
