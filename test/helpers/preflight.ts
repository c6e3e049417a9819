import type { Exercise } from '../../src/load/exercise.ts'
import { parseExercise } from '../../src/load/exercise.ts'
import { Problems } from '../../src/core/problems.ts'

/**
 * An exercise for preflight tests: front matter (title, requires, images)
 * and runnable steps, one per `needs` list (`''` for a step without needs).
 */
export function exerciseWith(options: { id: string; title?: string; requires?: string[]; images?: string[]; steps?: string[] }): Exercise {
  const list = (items: string[]) => `[${items.map((i) => JSON.stringify(i)).join(', ')}]`
  const steps = (options.steps ?? []).map((needs, i) => `### ${i + 1}. Step\n\n\`\`\`sh run${needs ? ` needs=${needs}` : ''}\ntrue\n\`\`\`\n`).join('\n')
  const text = `---
id: ${options.id}
title: ${JSON.stringify(options.title ?? `Exercise ${options.id}`)}
duration: 5
requires: ${list(options.requires ?? [])}
images: ${list(options.images ?? [])}
---

## Goal

Test.

## Before you start

Nothing.

## Steps

${steps}
## Check your work

Done.

## Solution

None.

## Troubleshooting

None.

## Clean up

Nothing.

## Going further

None.
`
  const problems = new Problems()
  const exercise = parseExercise({ path: `exercises/${options.id}.md`, text }, problems)
  const errors = problems.list.filter((p) => p.severity === 'error')
  if (!exercise || errors.length > 0) throw new Error(`fixture exercise did not parse: ${errors.map((p) => p.message).join('; ')}`)
  return exercise
}
