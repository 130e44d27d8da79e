import { chromium } from 'playwright-core';

/** Debian chromium's flags for headless use on a closed network (no background fetches). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Screenshots an HTML file in headless Debian chromium (never a downloaded browser);
 * `slices` also writes that many viewport-high slices, for reviewing a long report.
 */
export async function screenshot(
  htmlPath: string,
  out: string,
  options: { width?: number; executablePath?: string; slices?: number } = {},
): Promise<string[]> {
  const browser = await chromium.launch({
    executablePath: options.executablePath ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    const width = options.width ?? 920;
    const page = await browser.newPage({ viewport: { width, height: 1300 }, deviceScaleFactor: 1 });
    await page.goto(`file://${htmlPath}`);
    await page.screenshot({ path: out, fullPage: true });
    const written = [out];
    const height = await page.evaluate('document.documentElement.scrollHeight');
    for (let i = 0; i < (options.slices ?? 0) && i * 1300 < Number(height); i++) {
      const path = out.replace(/\.png$/, `-${i + 1}.png`);
      await page.screenshot({
        path,
        fullPage: true,
        clip: { x: 0, y: i * 1300, width, height: Math.min(1300, Number(height) - i * 1300) },
      });
      written.push(path);
    }
    return written;
  } finally {
    await browser.close();
  }
}
