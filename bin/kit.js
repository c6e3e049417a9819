#!/usr/bin/env node
// Entry point of the `kit` command: runs the compiled code in lib/.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const lib = new URL('../lib/', import.meta.url)
const src = fileURLToPath(new URL('../src/', import.meta.url))

// In a checkout of kit itself, src/ sits next to lib/: refuse to run code older than its sources.
if (existsSync(src)) {
  const built = existsSync(fileURLToPath(new URL('cli/main.js', lib))) ? statSync(fileURLToPath(new URL('cli/main.js', lib))).mtimeMs : 0
  const newer = readdirSync(src, { recursive: true, encoding: 'utf8' }).find((f) => f.endsWith('.ts') && statSync(`${src}/${f}`).mtimeMs > built)
  if (newer) {
    process.stderr.write(`kit: lib/ is older than src/${newer}; run \`npm run compile\` (npm test and npm ci do it too)\n`)
    process.exit(2)
  }
}
// Output piped into a program that stops reading (`kit list | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
    throw error
  })
}
const { main } = await import(new URL('cli/main.js', lib).href)
process.exitCode = await main(process.argv.slice(2))
