// Writes docs/errors.md from the catalogue in src/problem-codes.ts.
import { writeFileSync } from 'node:fs'
import { errorsDoc } from '../src/core/problem-codes.ts'

writeFileSync(new URL('../docs/errors.md', import.meta.url), errorsDoc())
console.log('docs/errors.md written')
