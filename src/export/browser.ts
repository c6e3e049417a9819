import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Browser } from 'puppeteer-core'
import { KitError } from '../problems.ts'

/**
 * Finds and launches the one Chromium-family browser a build uses (README
 * "Browser"): CHROME_PATH or BROWSER_PATH, then a system Chrome, Chromium or
 * Edge, then a browser shipped in an npm package (@sparticuz/chromium on
 * linux-x64) when it is installed.
 */

const SYSTEM_BROWSERS: Record<string, string[]> = {
  linux: [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/opt/google/chrome/chrome',
    '/usr/bin/microsoft-edge',
    '/usr/bin/microsoft-edge-stable',
    '/snap/bin/chromium',
  ],
  darwin: ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge'],
  win32: [
    `${process.env.PROGRAMFILES ?? 'C:\\Program Files'}\\Google\\Chrome\\Application\\chrome.exe`,
    `${process.env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)'}\\Microsoft\\Edge\\Application\\msedge.exe`,
  ],
}

export interface BrowserChoice {
  path: string
  source: 'CHROME_PATH' | 'BROWSER_PATH' | 'system' | 'npm'
}

/** Locates a browser without launching it; undefined when none is found. */
export async function findBrowser(env: NodeJS.ProcessEnv = process.env): Promise<BrowserChoice | undefined> {
  for (const key of ['CHROME_PATH', 'BROWSER_PATH'] as const) {
    const value = env[key]
    if (value) {
      if (!existsSync(value)) {
        throw new KitError(
          [{ code: 'KIT_BROWSER_PATH', severity: 'error', message: `${key} is set to ${value}, which does not exist.`, hint: `Point ${key} at a Chrome, Chromium or Edge executable, or unset it.` }],
          2,
        )
      }
      return { path: value, source: key }
    }
  }
  const found = (SYSTEM_BROWSERS[process.platform] ?? []).find((p) => existsSync(p))
  if (found) return { path: found, source: 'system' }
  return npmBrowser()
}

/** The browser shipped in the optional npm package, when it is installed. */
export async function npmBrowser(): Promise<BrowserChoice | undefined> {
  if (process.platform !== 'linux' || process.arch !== 'x64') return undefined
  try {
    const require = createRequire(import.meta.url)
    require.resolve('@sparticuz/chromium')
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
      hint: 'Install one (Debian/Ubuntu: `apt-get install chromium`; macOS: Google Chrome), or set CHROME_PATH to its executable. ' + '`kit build --formats html` works without a browser.',
    },
  ])
}

/** Flags for a headless browser that never reaches the network on its own. */
export const BROWSER_ARGS = [
  '--headless=new',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--no-first-run',
  '--disable-dev-shm-usage',
  '--font-render-hinting=none',
  // Tabs of the page pool work in parallel; none of them may be throttled as
  // a background tab, or its screenshots never arrive.
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-renderer-backgrounding',
]

export async function launchBrowser(choice: BrowserChoice): Promise<Browser> {
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0
  // The npm-packaged Chromium is a headless shell built for containers: it
  // runs as one process, without a zygote or a sandbox.
  const packaged = choice.source === 'npm' ? ['--no-sandbox', '--no-zygote', '--single-process'] : []
  // Loaded on first launch: commands and builds that need no browser start faster.
  const { default: puppeteer } = await import('puppeteer-core')
  return puppeteer.launch({
    executablePath: choice.path,
    headless: choice.source === 'npm' ? 'shell' : true,
    args: [...BROWSER_ARGS, ...(asRoot || process.env.CI ? ['--no-sandbox'] : []), ...packaged],
    protocolTimeout: 120_000,
    // Talk to the browser over a pipe: when kit dies, even by SIGKILL, the
    // pipe closes and the browser quits instead of lingering.
    pipe: true,
  })
}
