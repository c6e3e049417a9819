import { z } from 'zod'

/** One embedded font face (templates/theme/fonts.json). */
const fontSchema = z.object({
  family: z.string(),
  weight: z.number(),
  style: z.enum(['normal', 'italic']),
  /** Module path inside node_modules, e.g. `@fontsource/inter/files/…woff2`. */
  file: z.string(),
})
export const fontsFileSchema = z.object({ fonts: z.array(fontSchema) })
export type FontFace = z.infer<typeof fontSchema>

/**
 * Builds `@font-face` rules with the font files inlined as data URLs, so
 * every page and PDF works offline and from file://. Pure: the bytes of each
 * face's file are read by the caller.
 */
export function fontFaceCss(faces: { font: FontFace; bytes: Uint8Array }[]): string {
  return faces
    .map(({ font, bytes }) => {
      const format = font.file.endsWith('.woff2') ? 'woff2' : font.file.endsWith('.woff') ? 'woff' : 'truetype'
      const data = Buffer.from(bytes).toString('base64')
      return `@font-face{font-family:'${font.family}';font-style:${font.style};font-weight:${font.weight};font-display:block;` + `src:url(data:font/${format};base64,${data}) format('${format}');}`
    })
    .join('\n')
}
