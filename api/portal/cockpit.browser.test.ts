import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS } from '../../engine/briefing/screenshot.js';
import { chainGraph } from '../../engine/chain/service.js';
import { loadConfig } from '../../engine/config/load.js';
import { Engine } from '../../engine/container.js';
import { loadDemo } from '../../engine/demo.js';
import { demoDataDir, projectRoot } from '../../engine/paths.js';
import { retrievalFor } from '../../engine/retrieval.js';
import { targetingPolicies } from '../../engine/risk/factors/policy.js';
import { outlooks } from '../../engine/risk/prices.js';
import { riskReport } from '../../engine/risk/service.js';
import { principalOf } from '../../engine/security/index.js';
import { type RunningServer, startServer } from '../server.js';

const CHROMIUM = '/usr/bin/chromium';
const OUT = join(projectRoot(), 'test-output', 'portal');
const DOCS = join(projectRoot(), 'docs', 'screenshots');
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const RAG_COLOURS = ['#c62828', '#f2a900', '#2e8b57'];

if (!existsSync(CHROMIUM)) {
  process.stderr.write(
    `cockpit browser test skipped: ${CHROMIUM} is missing (apt-get install -y chromium)\n`,
  );
}

describe.skipIf(!existsSync(CHROMIUM))('cockpit and portal pages in Debian chromium', () => {
  let dataDir: string;
  let engine: Engine;
  let server: RunningServer;
  let browser: Browser;
  const keys = { analyst: '', admin: '', enterprise: '' };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ibrain-cockpit-'));
    engine = await Engine.open(loadConfig({ env: {}, overrides: { dataDir } }));
    await loadDemo(engine);
    await (await retrievalFor(engine)).ingestPaths([join(demoDataDir(), 'policies')]);
    keys.analyst = (await engine.state.keys.create({ role: 'analyst' })).key;
    keys.admin = (await engine.state.keys.create({ role: 'admin' })).key;
    keys.enterprise = (await engine.state.keys.create({ role: 'enterprise', enterpriseId: 'D0001' })).key;
    server = await startServer(engine, { host: '127.0.0.1', port: 0 }, { logger: pino({ level: 'silent' }) });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
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

  async function signedIn(key: string, viewport: { width: number; height: number }) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.fill('#key', key);
    await Promise.all([page.waitForURL(/\/(portal|cockpit)/), page.click('button[type=submit]')]);
    return { context, page };
  }

  const overflow = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth');
  const kpi = async (page: Page, id: string) => (await page.textContent(`#${id} .kpi-value`))!.trim();

  /** The fill colours ECharts gave the districts that carry a value. */
  const districtColours = (page: Page) =>
    page.evaluate<Array<{ name: string; value: number; fill: string }>>(`(() => {
      const chart = echarts.getInstanceByDom(document.getElementById('district-map'));
      const data = chart.getModel().getSeriesByIndex(0).getData();
      const out = [];
      for (let i = 0; i < data.count(); i++) {
        const value = data.get('value', i);
        if (!Number.isNaN(value)) out.push({ name: data.getName(i), value, fill: data.getItemVisual(i, 'style').fill });
      }
      return out;
    })()`);

  /** Waits until the page's script has filled a datalist with suggestions. */
  const suggestions = async (page: Page, list: string) => {
    await page.waitForSelector(`#${list} option`, { state: 'attached' });
    return page.$$eval(`#${list} option`, (os) => os.map((o) => o.getAttribute('value') ?? ''));
  };

  it('shows KPI cards whose figures are the engine’s own computations', async () => {
    const { context, page } = await signedIn(keys.analyst, DESKTOP);
    await page.goto(`${server.url}/cockpit?focus=${encodeURIComponent('动力电池')}&depth=2`);
    await expect(page.textContent('#focus-name')).resolves.toContain('动力电池');

    // The same figures, computed here straight from the engine as the analyst sees the graph.
    const principal = principalOf((await engine.state.keys.verify(keys.analyst))!);
    const g = await chainGraph(engine, principal);
    const root = g.find('product:动力电池')!;
    const chain = [root];
    let frontier = [root];
    for (let tier = 0; tier < 2; tier++) {
      frontier = frontier.flatMap((p) => g.inputs(p).map((l) => l.node)).filter((n) => !chain.includes(n));
      frontier = [...new Set(frontier)];
      chain.push(...frontier);
    }
    const region = g.find('region:重庆市')!;
    const producers = new Set(chain.flatMap((p) => g.producers(p).map((l) => l.node)));
    const local = chain.filter((p) => g.producers(p).some((l) => g.within(l.node, region))).length;
    const levels = await Promise.all(
      chain.map(async (p) => (await riskReport(engine, `product:${g.ids[p]}`, principal)).level),
    );
    const red = levels.filter((l) => l === 'high' || l === 'severe').length;
    const prices = await outlooks(
      engine,
      chain.map((p) => g.ids[p]!),
      'price',
      principal,
    );
    const rising = [...prices.values()].filter((o) => o.trend.direction === 'rise' && o.trend.changePct >= 5);
    expect(chain.length).toBeLessThanOrEqual(60);

    expect(await kpi(page, 'kpi-enterprises')).toBe(String(producers.size));
    expect(await kpi(page, 'kpi-products')).toBe(String(chain.length));
    expect(await kpi(page, 'kpi-local-supply')).toBe(`${((100 * local) / chain.length).toFixed(0)}%`);
    expect(await kpi(page, 'kpi-high-risk')).toBe(String(red));
    expect(await kpi(page, 'kpi-policies')).toBe(String(targetingPolicies(g, chain).length));
    expect(await kpi(page, 'kpi-price-alerts')).toBe(String(rising.length));
    expect(red).toBeGreaterThan(0);
    // Each card carries its one-line definition.
    for (const id of [
      'kpi-enterprises',
      'kpi-local-supply',
      'kpi-high-risk',
      'kpi-policies',
      'kpi-price-alerts',
    ])
      expect((await page.getAttribute(`#${id}`, 'title'))!.length).toBeGreaterThan(10);

    // The risk table is in the order it claims, with levels and policy attention apart.
    const scores = await page.$$eval('#risk-card tbody tr', (rows) =>
      rows.map((r) => Number(r.getAttribute('data-score'))),
    );
    expect(scores.length).toBe(chain.length);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const rags = await page.$$eval('#risk-card tbody tr', (rows) =>
      rows.map((r) => r.getAttribute('data-rag')),
    );
    expect(new Set(rags).size).toBeGreaterThan(1);
    expect(rags.filter((r) => r === 'red').length).toBe(red);
    await expect(page.textContent('#risk-card thead')).resolves.toContain('政策关注');

    await page.waitForSelector('#district-map[data-rendered="true"] canvas');
    await page.waitForSelector('#chain-chart[data-rendered="true"] canvas');
    await shoot(page, 'cockpit-focus');
    await context.close();
  });

  it('colours Chongqing’s districts by the chosen measure and says what does not map', async () => {
    const { context, page } = await signedIn(keys.analyst, DESKTOP);
    await page.goto(`${server.url}/cockpit?focus=${encodeURIComponent('新能源汽车')}`);
    await page.waitForSelector('#district-map[data-rendered="true"] canvas');
    const byCount = await districtColours(page);
    expect(byCount.length).toBeGreaterThan(3);
    expect(new Set(byCount.map((d) => d.fill)).size).toBeGreaterThan(1);
    expect(byCount.map((d) => d.name)).toContain('璧山区');
    await page.selectOption('#map-measure', 'risk');
    await page.waitForSelector('#district-map[data-measure="risk"][data-rendered="true"]');
    const byRisk = await districtColours(page);
    expect(byRisk.length).toBeGreaterThan(0);
    for (const d of byRisk) expect(RAG_COLOURS).toContain(d.fill.toLowerCase());
    await page.click('.unmapped summary');
    await expect(page.textContent('.unmapped')).resolves.toContain('两江新区');
    await page.locator('#district-card').screenshot({ path: join(OUT, 'cockpit-map.png') });
    copyFileSync(join(OUT, 'cockpit-map.png'), join(DOCS, 'cockpit-map.png'));
    await context.close();
  });

  it('answers a question in the cockpit with the API’s answer for the same key', async () => {
    const { context, page } = await signedIn(keys.analyst, DESKTOP);
    const question = '动力电池的上游原料有哪些？';
    await page.fill('#ask input[name=q]', question);
    await Promise.all([page.waitForURL(/q=/), page.click('#ask button[type=submit]')]);
    const shown = (await page.textContent('#ask .answer'))!.trim();
    const api = await fetch(`${server.url}/v1/ask`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${keys.analyst}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ question }),
    });
    expect(api.status).toBe(200);
    const body = (await api.json()) as { answer: string; citations: unknown[] };
    expect(shown).toBe(body.answer.trim());
    expect(await page.locator('#ask .citations li').count()).toBe(body.citations.length);
    // The focus the page had stays through the question.
    await expect(page.textContent('#focus-name')).resolves.toContain('新能源汽车');
    await page.locator('#ask').screenshot({ path: join(OUT, 'cockpit-ask.png') });
    await context.close();
  });

  it('takes an enterprise or a region as the focus by name, and says in the page’s language when a name is unknown', async () => {
    const { context, page } = await signedIn(keys.analyst, DESKTOP);
    await page.fill('#focus', '渝星');
    const options = await suggestions(page, 'focus-suggestions');
    expect(options).toContain('渝星动力');
    for (const o of options) expect(o).not.toMatch(/^(enterprise|product|region):/);
    await page.fill('#focus', '渝星动力');
    await Promise.all([page.waitForURL(/focus=/), page.click('#focus-form button[type=submit]')]);
    await expect(page.textContent('#focus-name')).resolves.toBe('企业 · 渝星动力');
    expect(Number(await kpi(page, 'kpi-products'))).toBeGreaterThan(1);

    await page.goto(`${server.url}/cockpit?focus=${encodeURIComponent('璧山区')}`);
    await expect(page.textContent('#focus-name')).resolves.toBe('地区 · 璧山区');

    const zh = await page.goto(`${server.url}/cockpit?focus=${encodeURIComponent('没有这个东西')}`);
    expect(zh!.status()).toBe(404);
    await expect(page.textContent('#focus-error')).resolves.toContain('未找到名为“没有这个东西”');
    const en = await page.goto(`${server.url}/cockpit?focus=${encodeURIComponent('没有这个东西')}&lang=en`);
    expect(en!.status()).toBe(404);
    await expect(page.textContent('#focus-error')).resolves.toContain(
      'No product, enterprise or region is named',
    );

    // A bad briefing scope reads in Chinese on the Chinese page, and in English on the English one.
    for (const [lang, expected] of [
      ['zh', '找不到该范围'],
      ['en', 'No such scope'],
    ] as const) {
      await page.goto(`${server.url}/cockpit?lang=${lang}`);
      await page.fill('#briefing-scope', 'product:没有这个产品');
      await page.click('#briefing-form button[type=submit]');
      await page.waitForSelector('#briefing-error:not(:empty)');
      await expect(page.textContent('#briefing-error')).resolves.toContain(expected);
    }
    await context.close();
  });

  it('lets an admin pick an enterprise by name', async () => {
    const { context, page } = await signedIn(keys.admin, DESKTOP);
    await page.goto(`${server.url}/portal`);
    await page.fill('#enterprise', '渝星');
    const options = await suggestions(page, 'enterprise-suggestions');
    expect(options).toContain('渝星动力');
    await page.fill('#enterprise', '渝星动力');
    await Promise.all([page.waitForURL(/enterprise=/), page.click('#enterprise-picker button[type=submit]')]);
    await expect(page.textContent('h1')).resolves.toBe('渝星动力');
    // Evidence is in words, never as edge ids; the ranked table is in the order it shows.
    const main = (await page.textContent('main'))!;
    expect(main).not.toMatch(/PRODUCES\||enterprise:D\d|product:/);
    const scores = await page.$$eval('#input-alerts tbody tr', (rows) =>
      rows.map((r) => Number(r.getAttribute('data-score'))),
    );
    expect(scores.length).toBeGreaterThan(1);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    await shoot(page, 'portal-admin-picked');

    const missing = await page.goto(`${server.url}/portal?enterprise=${encodeURIComponent('不存在的企业')}`);
    expect(missing!.status()).toBe(404);
    await expect(page.textContent('main .error')).resolves.toContain('未找到名为“不存在的企业”的企业');
    await page.goto(`${server.url}/portal?enterprise=${encodeURIComponent('不存在的企业')}&lang=en`);
    await expect(page.textContent('main .error')).resolves.toContain('No enterprise is named');
    await context.close();
  });

  describe('at 390 px', () => {
    const pages: Array<{ name: string; key: keyof typeof keys | null; path: string; ready?: string }> = [
      { name: 'login', key: null, path: '/login' },
      {
        name: 'cockpit',
        key: 'analyst',
        path: '/cockpit',
        ready: '#district-map[data-rendered="true"] canvas',
      },
      {
        name: 'cockpit-en',
        key: 'analyst',
        path: '/cockpit?lang=en',
        ready: '#demand-chart[data-rendered="true"] canvas',
      },
      {
        name: 'portal',
        key: 'enterprise',
        path: '/portal',
        ready: '#ent-chart[data-rendered="true"] canvas',
      },
      { name: 'portal-admin-picker', key: 'admin', path: '/portal' },
    ];
    for (const p of pages) {
      it(`${p.name} does not scroll sideways and its nav folds into a menu`, async () => {
        let context: BrowserContext;
        let page: Page;
        if (p.key) ({ context, page } = await signedIn(keys[p.key], PHONE));
        else {
          context = await browser.newContext({ viewport: PHONE });
          page = await context.newPage();
        }
        await page.goto(`${server.url}${p.path}`);
        if (p.ready) await page.waitForSelector(p.ready);
        expect(await overflow(page)).toBeLessThanOrEqual(PHONE.width);
        if (p.key) {
          expect(await page.locator('header nav').isVisible()).toBe(false);
          await page.click('.nav-button');
          expect(await page.locator('header nav').isVisible()).toBe(true);
          expect(await overflow(page)).toBeLessThanOrEqual(PHONE.width);
          await page.click('.nav-button');
        }
        await shoot(page, `phone-${p.name}`);
        await context.close();
      });
    }

    it('keeps the alerts and briefings tables inside their cards', async () => {
      const { context, page } = await signedIn(keys.enterprise, PHONE);
      const wide = await page.$$eval('#input-alerts .table-scroll', (els) =>
        els.map((e) => ({
          client: e.clientWidth,
          scroll: e.scrollWidth,
          right: e.getBoundingClientRect().right,
        })),
      );
      expect(wide.length).toBe(1);
      expect(wide[0]!.right).toBeLessThanOrEqual(PHONE.width);
      await page.locator('#input-alerts').screenshot({ path: join(OUT, 'phone-alerts.png') });
      copyFileSync(join(OUT, 'phone-alerts.png'), join(DOCS, 'phone-alerts.png'));
      await context.close();

      const analyst = await signedIn(keys.analyst, PHONE);
      const card = await analyst.page.$eval('#briefings-card', (e) => e.getBoundingClientRect().right);
      expect(card).toBeLessThanOrEqual(PHONE.width);
      await analyst.page.locator('#briefings-card').screenshot({ path: join(OUT, 'phone-briefings.png') });
      await analyst.context.close();
    });
  });
});
