/**
 * Downloads one remote asset for `kit import`, and only then: a build never
 * touches the network. Redirects are followed (at most 5), every answer is
 * checked for its status, its type and its size, and a server that does not
 * answer in time is given up on.
 */
export interface FetchLimits {
  /** Largest file accepted, in bytes. */
  maxBytes: number
  /** Time allowed for the whole download, in milliseconds. */
  timeoutMs: number
}

export const DEFAULT_LIMITS: FetchLimits = { maxBytes: 20 * 1024 * 1024, timeoutMs: 20_000 }

export type Fetched = { ok: true; bytes: Uint8Array; contentType: string; finalUrl: string } | { ok: false; reason: string }

/** What each kind of reference accepts as its answer. */
const ACCEPTS: Record<'image' | 'css' | 'font', (type: string) => boolean> = {
  image: (t) => t.startsWith('image/'),
  css: (t) => t === 'text/css' || t === 'text/plain',
  font: (t) => t.startsWith('font/') || t.startsWith('application/font') || t === 'application/x-font-woff' || t === 'application/octet-stream' || t === 'application/vnd.ms-fontobject',
}

export async function fetchAsset(url: string, kind: keyof typeof ACCEPTS, limits: FetchLimits = DEFAULT_LIMITS): Promise<Fetched> {
  const signal = AbortSignal.timeout(limits.timeoutMs)
  let response: Response
  try {
    response = await fetch(url, { redirect: 'follow', signal, headers: { accept: kind === 'css' ? 'text/css,*/*;q=0.1' : '*/*' } })
  } catch (error) {
    const reason = signal.aborted ? `no answer within ${limits.timeoutMs / 1000} s` : ((error as Error & { cause?: Error }).cause?.message ?? (error as Error).message)
    return { ok: false, reason }
  }
  if (!response.ok) return { ok: false, reason: `the server answered ${response.status} ${response.statusText}`.trim() }
  const contentType = (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  if (!ACCEPTS[kind](contentType)) {
    await response.body?.cancel()
    return { ok: false, reason: `the answer is ${contentType || 'of no stated type'}, not ${kind === 'image' ? 'an image' : kind === 'css' ? 'CSS' : 'a font'}` }
  }
  const declared = Number(response.headers.get('content-length') ?? 0)
  if (declared > limits.maxBytes) {
    await response.body?.cancel()
    return { ok: false, reason: `it is ${formatMiB(declared)}, over the ${formatMiB(limits.maxBytes)} limit` }
  }
  try {
    const bytes = await readLimited(response, limits.maxBytes)
    return bytes ? { ok: true, bytes, contentType, finalUrl: response.url || url } : { ok: false, reason: `it is over the ${formatMiB(limits.maxBytes)} limit` }
  } catch {
    return { ok: false, reason: signal.aborted ? `no answer within ${limits.timeoutMs / 1000} s` : 'the download broke off' }
  }
}

/** The body, or undefined as soon as it grows past `max` bytes. */
async function readLimited(response: Response, max: number): Promise<Uint8Array | undefined> {
  const reader = response.body?.getReader()
  if (!reader) return new Uint8Array()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { value, done } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > max) {
      await reader.cancel()
      return undefined
    }
    chunks.push(value)
  }
  return new Uint8Array(Buffer.concat(chunks))
}

function formatMiB(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}
