import path from 'node:path'
import { knownMimeOf } from '../core/mime.ts'
import type { Problems } from '../core/problems.ts'
import type { InputLog } from './input-log.ts'
import type { Brand } from './schemas.ts'

/**
 * workshop.yaml's `brand:` made ready for every output: the colours as CSS
 * custom properties (the theme and the print stylesheet both read
 * `--kit-accent` and `--kit-accent-2`), the logo as a data URL, the
 * organisation's name and the footer text.
 */
export interface BrandLook {
  /** `:root { --kit-accent: …; }`, appended to the theme and print CSS; empty without colours. */
  css: string
  logo?: string
  organisation?: string
  footer?: string
}

export async function loadBrand(brand: Brand | undefined, root: string, workshopText: string, inputs: InputLog, problems: Problems): Promise<BrandLook> {
  if (!brand) return { css: '' }
  const properties = [brand.accent && `--kit-accent: ${brand.accent};`, brand['accent-2'] && `--kit-accent-2: ${brand['accent-2']};`].filter(Boolean)
  const look: BrandLook = { css: properties.length > 0 ? `\n:root { ${properties.join(' ')} }\n` : '', organisation: brand.organisation, footer: brand.footer }
  if (brand.logo) {
    const type = [knownMimeOf(brand.logo)].find((t) => t?.startsWith('image/'))
    const bytes = await inputs.read(path.resolve(root, brand.logo))
    const line = workshopText.split('\n').findIndex((l) => /^\s+logo\s*:/.test(l)) + 1 || undefined
    const location = { file: 'content/workshop.yaml', line, column: line ? 1 : undefined }
    if (!type) problems.add({ code: 'KIT_SCHEMA', message: `The logo ${brand.logo} is not an SVG, PNG, JPEG, WebP or GIF image.`, hint: 'Use an SVG (sharpest in print) or a PNG.', location })
    else if (!bytes)
      problems.add({ code: 'KIT_MISSING_ASSET', message: `The logo ${brand.logo} does not exist.`, hint: 'The path is relative to the project folder, e.g. content/assets/logo.svg.', location })
    else look.logo = `data:${type};base64,${Buffer.from(bytes).toString('base64')}`
  }
  return look
}
