/**
 * Bundles the code that runs in a browser page: every `src/**\/*.browser.ts`
 * becomes one self-contained script `lib/**\/*.browser.js` (an IIFE with its
 * imports inlined, for current browsers), which the server side reads and
 * serves or injects. Part of `npm run compile`, after tsc (which leaves
 * these files out: tsconfig.build.json). Generic: any layer may add a
 * `*.browser.ts`.
 */
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { build } from 'esbuild'

const root = path.resolve(import.meta.dirname, '..')

function browserEntries(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return browserEntries(full)
    return entry.name.endsWith('.browser.ts') ? [full] : []
  })
}

const entries = browserEntries(path.join(root, 'src'))
for (const entry of entries) {
  const outfile = path.join(root, 'lib', path.relative(path.join(root, 'src'), entry)).replace(/\.ts$/, '.js')
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2022', 'chrome110', 'firefox115', 'safari16'],
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'warning',
  })
}
console.log(`bundled ${entries.length} browser script${entries.length === 1 ? '' : 's'} into lib/`)
