import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
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
 * every page and PDF works offline and from file://.
 */
export async function fontFaceCss(projectRoot: string, fonts: FontFace[]): Promise<string> {
  const require = createRequire(path.join(projectRoot, 'package.json'))
  const rules: string[] = []
  for (const font of fonts) {
    const file = require.resolve(font.file)
    const data = (await readFile(file)).toString('base64')
    const format = file.endsWith('.woff2') ? 'woff2' : file.endsWith('.woff') ? 'woff' : 'truetype'
    rules.push(
      `@font-face{font-family:'${font.family}';font-style:${font.style};font-weight:${font.weight};font-display:block;` +
        `src:url(data:font/${format};base64,${data}) format('${format}');}`,
    )
  }
  return rules.join('\n')
}
