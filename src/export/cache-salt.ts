import { stat } from 'node:fs/promises'
import { kitCodeDigest, kitVersion, toolVersion } from '../load/tool-versions.ts'

/**
 * What, besides the HTML a job prints, changes a browser artefact: kit's
 * version and code, the versions of the tools that print and write it, and
 * the browser binary. Part of every cache key, in build and check alike.
 */
export async function cacheSalt(browserPath: string | undefined): Promise<string> {
  const tools = ['puppeteer-core', 'pdf-lib', 'pptxgenjs', '@marp-team/marp-core', '@marp-team/marp-cli'].map((n) => `${n}@${toolVersion(n)}`)
  const info = browserPath ? await stat(browserPath).catch(() => undefined) : undefined
  const kit = `${kitVersion()}+${(await kitCodeDigest()).slice(0, 16)}`
  return [`kit@${kit}`, ...tools, `${browserPath ?? 'no-browser'}:${info?.size ?? 0}:${info?.mtimeMs ?? 0}`].join('|')
}
