/** Media types of the files kit embeds or serves, by extension (images and fonts). */
const TYPES: Record<string, string> = {
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  woff2: 'font/woff2',
  woff: 'font/woff',
  ttf: 'font/ttf',
  otf: 'font/otf',
}

/** The media type of `file` (a path or URL; a query or fragment is ignored), or undefined when it is not an image or font kit knows. */
export function knownMimeOf(file: string): string | undefined {
  return TYPES[/\.([a-z0-9]+)(?:[?#].*)?$/i.exec(file)?.[1]?.toLowerCase() ?? '']
}

/** The media type of `file`, `application/octet-stream` when unknown. */
export function mimeOf(file: string): string {
  return knownMimeOf(file) ?? 'application/octet-stream'
}
