// The compile step for code that runs inside a page (`npm run compile`, after
// tsc): every src/**/<name>.browser.ts is bundled with what it imports into
// lib/**/<name>.browser.js, one self-contained script each, which kit adds
// to its pages with `browserScript` (src/export/browser/browser-bundle.ts).
import { mkdir, readdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { bundleBrowserEntry } from '../src/export/browser/browser-bundle.ts'

const root = fileURLToPath(new URL('..', import.meta.url))
const entries = (await readdir(path.join(root, 'src'), { recursive: true })).filter((f) => f.endsWith('.browser.ts')).sort()
for (const entry of entries) {
  const out = path.join(root, 'lib', entry.replace(/\.ts$/, '.js'))
  await mkdir(path.dirname(out), { recursive: true })
  await writeFile(out, await bundleBrowserEntry(path.join(root, 'src', entry)))
}
