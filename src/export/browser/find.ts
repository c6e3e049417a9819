import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { KitError } from '../../core/problems.ts'

/**
 * Finds the Chromium-family browser that prints PDFs and PPTX, without
 * launching it. In order: CHROME_PATH or BROWSER_PATH; a system Chrome or
 * Chromium as chrome-launcher finds them (its finder knows each platform's
 * install places, desktop files on Linux and WSL); Microsoft Edge; then a
 * browser shipped in an npm package (@sparticuz/chromium on linux-x64) when
 * it is installed. kit's setup script asks this same function, so the list
 * is written once.
 */
export interface BrowserChoice {
  path: string
  source: 'CHROME_PATH' | 'BROWSER_PATH' | 'system' | 'npm'
}

/** chrome-launcher finds Chrome and Chromium only; Edge is Chromium too and prints the same. */
const EDGE: Partial<Record<NodeJS.Platform, string[]>> = {
  linux: ['/usr/bin/microsoft-edge', '/usr/bin/microsoft-edge-stable'],
  darwin: ['/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge'],
  win32: [`${process.env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)'}\\Microsoft\\Edge\\Application\\msedge.exe`],
}

/** Locates a browser; undefined when none is found. A browser variable naming a missing file is a usage error. */
export async function findBrowser(env: NodeJS.ProcessEnv = process.env): Promise<BrowserChoice | undefined> {
  for (const key of ['CHROME_PATH', 'BROWSER_PATH'] as const) {
    const value = env[key]
    if (!value) continue
    if (!existsSync(value)) {
      throw new KitError(
        [{ code: 'KIT_BROWSER_PATH', severity: 'error', message: `${key} is set to ${value}, which does not exist.`, hint: `Point ${key} at a Chrome, Chromium or Edge executable, or unset it.` }],
        2,
      )
    }
    return { path: value, source: key }
  }
  const system = (await systemChrome()) ?? EDGE[process.platform]?.find((p) => existsSync(p))
  return system ? { path: system, source: 'system' } : npmBrowser()
}

/** The first Chrome or Chromium chrome-launcher finds on this machine (it throws when there is none). */
async function systemChrome(): Promise<string | undefined> {
  const { Launcher } = await import('chrome-launcher')
  try {
    return Launcher.getInstallations().find((p) => existsSync(p))
  } catch {
    return undefined
  }
}

/** The browser shipped in the optional npm package, when it is installed. */
export async function npmBrowser(): Promise<BrowserChoice | undefined> {
  if (process.platform !== 'linux' || process.arch !== 'x64') return undefined
  try {
    createRequire(import.meta.url).resolve('@sparticuz/chromium')
    const mod = (await import('@sparticuz/chromium' as string)) as { default: { executablePath(): Promise<string> } }
    return { path: await mod.default.executablePath(), source: 'npm' }
  } catch {
    return undefined
  }
}

export function noBrowserError(): KitError {
  return new KitError([
    {
      code: 'KIT_NO_BROWSER',
      severity: 'error',
      message: 'PDF and PPTX need a Chromium-family browser, and none was found.',
      hint: 'Install one (Debian/Ubuntu: `apt-get install chromium`; macOS: Google Chrome), or set CHROME_PATH to its executable. `kit build --formats html` works without a browser.',
    },
  ])
}
