import { browser as marpBrowser } from '@marp-team/marp-core/browser.js'
import { IntlMessageFormat } from 'intl-messageformat'

/**
 * What every live page's script shares: the page's words (the catalogue's
 * `live.*` messages, given by the server in a JSON data block), requests
 * with the person's token, the socket that reconnects by itself, slides
 * drawn into a frame, and copying text. Runs in the browser; user-given
 * text (names, messages) is only ever set with textContent.
 */

interface Words {
  lang: string
  messages: Record<string, string>
}

const words: Words = JSON.parse(document.getElementById('kit-words')?.textContent ?? '{"lang":"en","messages":{}}') as Words

/** A word of the page, in the workshop's language, with ICU plurals. */
export function t(key: string, values?: Record<string, string | number>): string {
  const text = words.messages[key] ?? key
  try {
    return String(new IntlMessageFormat(text, words.lang).format(values))
  } catch {
    return text
  }
}

/** An element with attributes and children (strings become text nodes). */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | boolean> = {}, ...children: (Node | string | undefined | false)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false) continue
    if (name === 'class') node.className = String(value)
    else node.setAttribute(name, value === true ? '' : value)
  }
  for (const child of children) if (child !== undefined && child !== false) node.append(child)
  return node
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id)
  if (!found) throw new Error(`#${id} is missing from the page`)
  return found as T
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

/** A request to the room's API with the person's token; throws ApiError with the server's code when refused. */
export async function api<T = unknown>(path: string, token: string | undefined, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {}
  if (token) headers.authorization = `Bearer ${token}`
  if (body !== undefined) headers['content-type'] = 'application/json'
  const response = await fetch(path, { method: body === undefined ? 'GET' : 'POST', headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' })
  const data = (await response.json().catch(() => ({}))) as { error?: { code: string; message: string } }
  if (!response.ok) throw new ApiError(response.status, data.error?.code ?? 'error', data.error?.message ?? response.statusText)
  return data as T
}

export type SocketState = 'connecting' | 'connected'

/**
 * The page's socket: says hello with the token, hands every message to
 * `onMessage`, and reconnects with growing pauses (up to 5 s) after a drop,
 * at once when the page becomes visible or the network returns. The server
 * sends the whole state after every hello, so nothing is missed.
 */
export function connect(
  token: string,
  view: 'learner' | 'staff' | 'screen',
  onMessage: (message: { type: string }) => void,
  onState: (state: SocketState) => void,
  onRefused: () => void,
): { send(message: unknown): boolean } {
  let delay = 250
  let socket: WebSocket | undefined
  let timer: number | undefined
  const open = () => {
    clearTimeout(timer)
    if (socket && socket.readyState <= WebSocket.OPEN) return
    onState('connecting')
    const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`)
    socket = ws
    ws.addEventListener('open', () => {
      delay = 250
      ws.send(JSON.stringify({ type: 'hello', token, view }))
      onState('connected')
    })
    ws.addEventListener('message', (event) => onMessage(JSON.parse(String(event.data)) as { type: string }))
    ws.addEventListener('close', (event) => {
      if (socket !== ws) return
      if (event.code === 4401) return onRefused()
      onState('connecting')
      timer = window.setTimeout(open, delay)
      delay = Math.min(5000, delay * 2)
    })
  }
  document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && open())
  window.addEventListener('online', open)
  open()
  return {
    /** Sends on the socket when it is open (after its hello); false when it is not. */
    send(message: unknown) {
      if (socket?.readyState !== WebSocket.OPEN) return false
      socket.send(JSON.stringify(message))
      return true
    },
  }
}

const slideCache = new Map<number, string>()

/** Draws slide `n` into `frame` (fetched once, then kept); resolves with the slide's info. */
export async function showSlide(frame: HTMLElement, n: number, token: string): Promise<{ kind?: string; question?: string }> {
  let html = slideCache.get(n)
  let info: { kind?: string; question?: string } = {}
  if (html === undefined) {
    const slide = await api<{ html: string; kind?: string; question?: string }>(`/api/slides/${n}`, token)
    html = slide.html
    info = slide
    slideCache.set(n, html)
    slideInfo.set(n, info)
  } else info = slideInfo.get(n) ?? {}
  const box = el('div', { class: 'marpit' })
  // Slide HTML is rendered by kit from the workshop's markdown (marp-core's allowlist); no script in it can run under the page's policy.
  box.innerHTML = html
  frame.replaceChildren(box)
  frame.dataset.slide = String(n)
  marp.update()
  return info
}

const slideInfo = new Map<number, { kind?: string; question?: string }>()
const marp = marpBrowser(document)

/** Copies text: the Clipboard API where the page may use it (localhost, HTTPS), else a selected text area. */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text)
      return true
    }
  } catch {
    // Falls through to the text area, which works on plain HTTP over the room's network.
  }
  const area = el('textarea', { class: 'copy-buffer', 'aria-hidden': 'true' })
  area.value = text
  document.body.append(area)
  area.select()
  const done = document.execCommand('copy')
  area.remove()
  return done
}

/** Every code block of `root`, each with a copy button below the slide. */
export function codeBlocks(root: HTMLElement, into: HTMLElement): void {
  const blocks = [...root.querySelectorAll('pre')].map((pre) => pre.textContent ?? '').filter((text) => text.trim() !== '')
  into.replaceChildren(...(blocks.length ? [el('h2', {}, t('live.slides.code'))] : []), ...blocks.map((text) => copyBlock(text)))
  into.hidden = blocks.length === 0
}

/** A block of code shown as text, with a button that copies it. */
export function copyBlock(text: string): HTMLElement {
  const button = el('button', { type: 'button', class: 'copy' }, t('live.slides.copy'))
  button.addEventListener('click', () => {
    void copyText(text).then((done) => {
      button.textContent = done ? t('live.slides.copied') : t('live.slides.copy')
      button.classList.toggle('copied', done)
      window.setTimeout(() => {
        button.textContent = t('live.slides.copy')
        button.classList.remove('copied')
      }, 2000)
    })
  })
  return el('div', { class: 'code-block' }, el('pre', {}, el('code', {}, text)), button)
}

/** Adds a copy button to each code block of an exercise sheet. */
export function addCopyButtons(root: HTMLElement): void {
  for (const pre of root.querySelectorAll('pre')) {
    const text = pre.textContent ?? ''
    const button = el('button', { type: 'button', class: 'copy' }, t('live.slides.copy'))
    button.addEventListener('click', () => void copyText(text).then((done) => (button.textContent = done ? t('live.slides.copied') : t('live.slides.copy'))))
    pre.after(button)
  }
}

/** The token a staff page was opened with: from the URL fragment (kept out of the address bar and server logs), else from this tab's storage. */
export function staffToken(): string | undefined {
  const fromHash = /[#&]t=([A-Za-z0-9_-]{16,100})/.exec(location.hash)?.[1]
  if (fromHash) {
    sessionStorage.setItem('kit-live-token', fromHash)
    history.replaceState(null, '', location.pathname)
    return fromHash
  }
  return sessionStorage.getItem('kit-live-token') ?? undefined
}
