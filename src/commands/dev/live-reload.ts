import type { IncomingMessage, ServerResponse } from 'node:http'

/**
 * Live reload for `kit dev`: open pages listen to server-sent events
 * (/__kit/events) through a small script (/__kit/live.js). A good build
 * reloads them; a failed one leaves the last good build on screen under an
 * overlay with the problems; warnings show in a panel at the bottom of the
 * rebuilt pages. A page that connects is told the current state at once.
 */
export class LiveReload {
  private readonly clients = new Set<ServerResponse>()
  private problems: string | undefined
  private warnings: string | undefined

  /** A good build: open pages reload; its warnings (formatted), if any, show in them. */
  built(warnings: string | undefined): void {
    this.problems = undefined
    this.warnings = warnings || undefined
    this.send('reload', {})
  }

  /** A failed build: open pages keep the last good build, under an overlay with the problems. */
  failed(problems: string): void {
    this.problems = problems
    this.warnings = undefined
    this.send('problem', problems)
  }

  /** A module's preview was re-rendered: its open preview pages reload. */
  moduleRendered(id: string): void {
    this.send('module', id)
  }

  connect(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' })
    res.write(': connected\n\n')
    this.clients.add(res)
    if (this.problems) res.write(event('problem', this.problems))
    else if (this.warnings) res.write(event('warnings', this.warnings))
    req.on('close', () => this.clients.delete(res))
  }

  close(): void {
    for (const client of this.clients) client.end()
  }

  private send(name: string, data: unknown): void {
    for (const client of this.clients) client.write(event(name, data))
  }
}

function event(name: string, data: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`
}

/** A page as served in dev: its own CSP left out, the live-reload script added. */
export function withLiveScript(html: string): string {
  return html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/i, '').replace(/<\/body>/i, '<script src="/__kit/live.js"></script></body>')
}

/**
 * The script every served page loads. Problems and warnings are shown as
 * text (never parsed as HTML): an errors overlay over the whole page, a
 * warnings panel at its foot that the author can close.
 */
export const LIVE_SCRIPT = `(() => {
  const events = new EventSource('/__kit/events')
  const panels = {}
  const looks = {
    problem: ['alert', 'inset:0;background:rgba(20,24,30,.94)', 'kit: the last change has errors (the page shows the last good build)'],
    warnings: ['status', 'left:0;right:0;bottom:0;max-height:40vh;background:rgba(90,60,0,.95)', 'kit: warnings in the sources (the page is built; kit check --strict fails on them)'],
  }
  function show(kind, text) {
    for (const other of Object.keys(panels)) if (other !== kind) panels[other].hidden = true
    let panel = panels[kind]
    if (!panel) {
      const [role, place] = looks[kind]
      panel = panels[kind] = document.createElement('div')
      panel.setAttribute('role', role)
      panel.dataset.kitOverlay = kind
      panel.style.cssText = 'position:fixed;z-index:2147483647;color:#fff;padding:24px 32px;overflow:auto;font:14px/1.5 monospace;white-space:pre-wrap;' + place
      const close = document.createElement('button')
      close.textContent = '×'
      close.title = 'Hide'
      close.style.cssText = 'float:right;font:20px/1 sans-serif;background:none;border:0;color:inherit;cursor:pointer'
      close.addEventListener('click', () => { panel.hidden = true })
      const body = document.createElement('div')
      panel.append(close, body)
      document.body.appendChild(panel)
    }
    panel.lastChild.textContent = looks[kind][2] + '\\n\\n' + text
    panel.hidden = false
  }
  events.addEventListener('reload', () => location.reload())
  events.addEventListener('module', (e) => {
    if (document.documentElement.dataset.kitModule === JSON.parse(e.data)) location.reload()
  })
  events.addEventListener('problem', (e) => show('problem', JSON.parse(e.data)))
  events.addEventListener('warnings', (e) => show('warnings', JSON.parse(e.data)))
})()
`
