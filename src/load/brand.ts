import path from 'node:path'
import { knownMimeOf } from '../core/mime.ts'
import type { Problems, SourceLocation } from '../core/problems.ts'
import { unreadable } from './assets.ts'
import { readInside } from './contained.ts'
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

/** `logoAt` is where workshop.yaml writes `brand.logo`, for its problems. */
export async function loadBrand(brand: Brand | undefined, root: string, logoAt: SourceLocation, inputs: InputLog, problems: Problems): Promise<BrandLook> {
  if (!brand) return { css: '' }
  const properties = [brand.accent && `--kit-accent: ${brand.accent};`, brand['accent-2'] && `--kit-accent-2: ${brand['accent-2']};`].filter(Boolean)
  const look: BrandLook = { css: properties.length > 0 ? `\n:root { ${properties.join(' ')} }\n` : '', organisation: brand.organisation, footer: brand.footer }
  if (brand.logo) look.logo = await readLogo(brand.logo, root, logoAt, inputs, problems)
  return look
}

/** The logo as a data URL; a logo that is not an image, not there, or outside the project is a problem at its line. */
async function readLogo(logo: string, root: string, location: SourceLocation, inputs: InputLog, problems: Problems): Promise<string | undefined> {
  const type = [knownMimeOf(logo)].find((t) => t?.startsWith('image/'))
  if (!type) {
    problems.add({ code: 'KIT_SCHEMA', message: `The logo ${logo} is not an SVG, PNG, JPEG, WebP or GIF image.`, hint: 'Use an SVG (sharpest in print) or a PNG.', location })
    return undefined
  }
  const got = await readInside(path.resolve(root, logo), [root], inputs)
  if (got.kind === 'read') return `data:${type};base64,${got.bytes.toString('base64')}`
  if (got.kind === 'outside')
    problems.add({ code: 'KIT_PATH_OUTSIDE', message: `The logo ${logo} is outside the project.`, hint: 'Copy it into the project, e.g. content/assets/logo.svg, and name that path.', location })
  else if (got.kind === 'unreadable') problems.add(unreadable(`The logo ${logo}`, got.reason, location))
  else problems.add({ code: 'KIT_MISSING_ASSET', message: `The logo ${logo} does not exist.`, hint: 'The path is relative to the project folder, e.g. content/assets/logo.svg.', location })
  return undefined
}
