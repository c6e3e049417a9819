import { cp, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Marp } from '@marp-team/marp-core'
import { loadProject, type Project } from '../../src/load/project.ts'
import { Problems } from '../../src/core/problems.ts'
import { createMarp } from '../../src/core/marp-engine.ts'
import { readFileSync } from 'node:fs'
import { InputLog } from '../../src/load/input-log.ts'
import type { RenderRun } from '../../src/render/editions.ts'

export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url))
export const KIT = fileURLToPath(new URL('../../', import.meta.url))

/** Copies a fixture project into a fresh temp folder and returns its path. */
export async function copyFixture(name: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), `kit-${name}-`))
  // Never copy a cache or output a manual run may have left in the fixture.
  await cp(path.join(FIXTURES, name), dir, { recursive: true, filter: (src) => !/[/\\](\.kit-cache|dist)([/\\]|$)/.test(src) })
  return dir
}

export async function loadFixture(root: string): Promise<Project> {
  const { project, problems } = await loadProject(root)
  if (!project) throw new Error(problems.list.map((p) => `${p.code} ${p.message}`).join('\n'))
  return project
}

/** A Marp instance with the kit theme, as the build creates it. */
export function kitMarp(): Marp {
  return createMarp([readFileSync(path.join(KIT, 'templates/theme/kit.css'), 'utf8')])
}

export function problems(): Problems {
  return new Problems()
}

/** What rendering is given besides the project, on a fixed day. */
export function renderRun(problems = new Problems(), today = new Date('2026-12-07T12:00:00Z')): RenderRun {
  return { problems, inputs: new InputLog(), today }
}
