import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../engine/config/load.js';
import { Engine } from '../../engine/container.js';
import { loadDemo } from '../../engine/demo.js';
import { demoDataDir, projectRoot } from '../../engine/paths.js';
import { retrievalFor } from '../../engine/retrieval.js';
import { type RunningServer, startServer } from '../server.js';
import { CHROMIUM_ARGS } from '../../engine/briefing/screenshot.js';

const CHROMIUM = '/usr/bin/chromium';
const OUT = join(projectRoot(), 'test-output', 'portal');
const DOCS = join(projectRoot(), 'docs', 'screenshots');

if (!existsSync(CHROMIUM)) {
  process.stderr.write(`portal browser test skipped: ${CHROMIUM} is missing (apt-get install -y chromium)\n`);
}

describe.skipIf(!existsSync(CHROMIUM))('portal in Debian chromium', () => {
  let dataDir: string;
  let engine: Engine;
  let server: RunningServer;
  let browser: Browser;
  const keys: Record<'analyst' | 'enterprise', string> = { analyst: '', enterprise: '' };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ibrain-portal-'));
    engine = await Engine.open(loadConfig({ env: {}, overrides: { dataDir } }));
    await loadDemo(engine);
    await (await retrievalFor(engine)).ingestPaths([join(demoDataDir(), 'policies')]);
    keys.analyst = (await engine.state.keys.create({ role: 'analyst' })).key;
    keys.enterprise = (await engine.state.keys.create({ role: 'enterprise', enterpriseId: 'D0001' })).key;
    server = await startServer(engine, { host: '127.0.0.1', port: 0 }, { logger: pino({ level: 'silent' }) });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
    });
    mkdirSync(OUT, { recursive: true });
    mkdirSync(DOCS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await engine?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function shoot(page: Page, name: string): Promise<void> {
    const path = join(OUT, `${name}.png`);
    await page.screenshot({ path, fullPage: true });
    copyFileSync(path, join(DOCS, `${name}.png`));
  }

  async function logIn(page: Page, key: string): Promise<void> {
    await page.goto(`${server.url}/login`);
    await page.fill('#key', key);
    await Promise.all([page.waitForURL(/\/(portal|cockpit)/), page.click('button[type=submit]')]);
  }

  it('logs an enterprise user in to its own portal', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await shoot(page, 'login');
    await logIn(page, keys.enterprise);
    expect(new URL(page.url()).pathname).toBe('/portal');
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'ib_session')!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(session.value).not.toContain(keys.enterprise);
    await expect(page.textContent('h1')).resolves.toContain('渝星动力');
    await page.waitForSelector('#ent-chart[data-rendered="true"] canvas');
    await expect(page.textContent('#input-alerts h2')).resolves.toBe('上游投入预警');
    expect(await page.locator('#input-alerts table tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('#input-alerts .alerts li').count()).toBeGreaterThan(0);
    await shoot(page, 'enterprise-portal');
    await page.fill('input[name=q]', '渝星动力的上游供应商有哪些？');
    await Promise.all([page.waitForURL(/q=/), page.click('#ask button[type=submit]')]);
    const answer = await page.textContent('.answer');
    expect(answer).toMatch(/\[\d+\]/);
    expect(await page.locator('.citations li').count()).toBeGreaterThan(0);
    await page.locator('#ask').screenshot({ path: join(OUT, 'ask-answer.png') });
    copyFileSync(join(OUT, 'ask-answer.png'), join(DOCS, 'ask-answer.png'));
    await context.close();
  });

  it('opens the cockpit and renders its charts, in Chinese and in English', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await logIn(page, keys.analyst);
    expect(new URL(page.url()).pathname).toBe('/cockpit');
    await page.waitForSelector('#chain-chart[data-rendered="true"] canvas');
    await page.waitForSelector('#tier-chart[data-rendered="true"] canvas');
    await page.waitForSelector('#price-chart-0[data-rendered="true"] canvas');
    await page.waitForSelector('#demand-chart[data-rendered="true"] canvas');
    expect(await page.locator('table.heat tbody tr').count()).toBeGreaterThan(3);
    await expect(page.textContent('main')).resolves.toContain('产业链图谱');
    await page.selectOption('#briefing-form select[name=format]', 'md');
    await page.click('#briefing-form button[type=submit]');
    const ready = page.locator('#briefing-list li[data-state="completed"] a.download');
    await ready.waitFor({ timeout: 120_000 });
    const href = (await ready.getAttribute('href'))!;
    expect(href).toMatch(/^\/v1\/briefings\/job_[0-9a-f-]{36}\/download\?format=md$/);
    const file = await page.request.get(`${server.url}${href}`);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-disposition']).toMatch(/^attachment; filename="briefing-job_/);
    await shoot(page, 'cockpit');
    await page.goto(`${server.url}/cockpit?lang=en`);
    await page.waitForSelector('#chain-chart[data-rendered="true"] canvas');
    await expect(page.textContent('main')).resolves.toContain('Chain map');
    await shoot(page, 'cockpit-en');
    await context.close();
  });
});
