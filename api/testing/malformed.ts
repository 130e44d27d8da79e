/**
 * Malformed requests for robustness checks: broken JSON, wrong types, huge bodies, invalid
 * unicode, path tricks, bad query strings, wrong content types and methods. Deterministic, so a
 * failure names a request that can be replayed. Every one must get a 4xx, never a 5xx.
 */
export interface MalformedRequest {
  label: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Whether to send the caller's valid key (else the request may also be refused for no key). */
  auth: boolean;
}

const JSON_ROUTES = ['/v1/ask', '/v1/scenarios', '/v1/forecast', '/v1/briefings'];

const BROKEN_JSON = [
  '',
  '{',
  '{"question": "碳酸锂',
  '{"question": "a",}',
  "{'question': 'a'}",
  '{"question": NaN}',
  '{"question": undefined}',
  'null',
  '[]',
  '"just a string"',
  '42',
  'true',
  '{"question": "a"}}',
  '\u0000\u0001\u0002',
  '{"question": "\\x41"}',
  '{"question": "\\ud800"}',
  '{"question": "\\udfff\\ud800"}',
  `${'['.repeat(5_000)}${']'.repeat(5_000)}`,
  `${'{"a":'.repeat(3_000)}1${'}'.repeat(3_000)}`,
  '{"__proto__": {"polluted": true}, "question": 1}',
  '{"constructor": {"prototype": {"x": 1}}}',
];

const WRONG_TYPES: unknown[] = [
  { question: 1 },
  { question: [] },
  { question: {} },
  { question: null },
  { question: '' },
  { question: '   ' },
  { question: 'a', k: 'ten' },
  { question: 'a', k: -1 },
  { question: 'a', k: 1.5 },
  { question: 'a', k: 1e308 },
  { question: 'a', lang: 'fr' },
  { question: 'a', stream: 'yes' },
  { question: 'x'.repeat(10_001) },
  { shocks: 'price:碳酸锂:+30%' },
  { shocks: [] },
  { shocks: [1, 2] },
  { shocks: ['price:碳酸锂:+abc%'] },
  { shocks: ['price:碳酸锂:-150%'] },
  { shocks: ['remove:planet:earth'] },
  { shocks: Array.from({ length: 50 }, () => 'price:碳酸锂:+1%') },
  { shocks: ['price:碳酸锂:+30%'], limit: 0 },
  { shocks: ['price:碳酸锂:+30%'], limit: 'all' },
  { series: 'x', horizon: 1e9 },
  { values: [1, 'two'], start: '2024-01-01', frequency: 'monthly', horizon: 3 },
  { values: [1e308, -1e308], start: '2024-13-01', frequency: 'monthly', horizon: 3 },
  { values: [], start: '2024-01-01', frequency: 'monthly', horizon: 3 },
  { scope: 'product:碳酸锂', formats: [] },
  { scope: 'product:../../etc', lang: 'en' },
];

const PATH_TRICKS = [
  '/v1/../etc/passwd',
  '/v1/%2e%2e/%2e%2e/etc/passwd',
  '/assets/..%2f..%2fpackage.json',
  '/assets/%2e%2e%2fpackage.json',
  '/assets/../../package.json',
  '/assets/echarts.min.js%00.png',
  '/assets/__proto__',
  '/assets/constructor',
  '//v1//search?q=a',
  '/v1/graph/entities/..%2F..%2Fetc%2Fpasswd',
  '/v1/graph/entities/%00',
  '/v1/graph/entities/%E0%A4%A',
  '/v1/graph/entities/%C0%AF',
  '/v1/graph/entities/%FF%FE',
  '/v1/graph/entities/%ED%A0%80',
  `/v1/graph/entities/${'a'.repeat(600)}`,
  `/v1/graph/entities/${'%F0%9F%92%A9'.repeat(200)}`,
  '/v1/graph/entities/x/neighbours/extra',
  '/v1/series/..%5c..%5cwindows',
  '/v1/series/%',
  '/v1/jobs/../../keys',
  '/v1/jobs/job_%00',
  '/v1/jobs/job_00000000-0000-4000-8000-000000000000',
  '/v1/briefings/..%2f..%2fkeys/download',
  '/v1/briefings/job_00000000-0000-4000-8000-000000000000/download?format=md',
  '/v1/SEARCH?q=a',
  `/${'x/'.repeat(2_000)}`,
  '/login/..%2f..%2fpackage.json',
  '/cockpit?focus=%FF',
  '/portal?enterprise=../../x',
  '/portal?q=%ED%A0%80',
];

const BAD_QUERIES = [
  '/v1/search',
  '/v1/search?q=',
  '/v1/search?q=%20%20',
  '/v1/search?q=a&k=0',
  '/v1/search?q=a&k=-5',
  '/v1/search?q=a&k=abc',
  '/v1/search?q=a&k=1e99',
  '/v1/search?q=a&k=99999999999999999999999',
  '/v1/search?q=a&mode=evil',
  '/v1/search?q=a&from=2025-13-45',
  '/v1/search?q=a&to=yesterday',
  '/v1/search?q=a&type=exe',
  '/v1/search?q=%FF%FE',
  '/v1/search?q=%E0%A4%A',
  `/v1/search?q=${'锂'.repeat(600)}`,
  `/v1/search?q=a&k=${'9'.repeat(5_000)}`,
  '/v1/search?q[]=a',
  '/v1/search?q=a&q=b&k=1&k=2',
  '/v1/graph/entities/product:碳酸锂/upstream?depth=0',
  '/v1/graph/entities/product:碳酸锂/upstream?depth=NaN',
  '/v1/graph/entities/product:碳酸锂/upstream?depth=11',
  '/v1/graph/entities/product:碳酸锂/neighbours?dir=sideways',
  '/v1/graph/entities/product:碳酸锂/neighbours?rel=DROP%20TABLE',
  '/v1/graph/entities/product:碳酸锂/neighbours?limit=-1',
  '/v1/graph/path?from=a',
  '/v1/graph/path?from=&to=',
  '/v1/graph/path?from=a&to=b&maxDepth=100',
  '/v1/risk',
  '/v1/risk?scope=碳酸锂',
  '/v1/risk?scope=planet:earth',
  '/v1/risk?scope=product:',
  '/v1/risk?scope=product:碳酸锂&tiers=99',
  '/v1/series/x?from=not-a-date',
  '/v1/documents?limit=0',
  '/v1/documents?limit=1e3x',
  '/v1/briefings/job_00000000-0000-4000-8000-000000000000/download?format=exe',
];

/** A small deterministic generator (mulberry32) for the random-garbage cases. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** At least `count` malformed requests, cycling through every family and adding seeded garbage. */
export function malformedRequests(count: number, seed = 20250101): MalformedRequest[] {
  const out: MalformedRequest[] = [];
  const json = { 'Content-Type': 'application/json' };
  for (const path of JSON_ROUTES) {
    for (const body of BROKEN_JSON)
      out.push({ label: 'broken json', method: 'POST', path, headers: json, body, auth: true });
    for (const value of WRONG_TYPES) {
      out.push({
        label: 'wrong types',
        method: 'POST',
        path,
        headers: json,
        body: JSON.stringify(value),
        auth: true,
      });
    }
    out.push({
      label: 'huge body',
      method: 'POST',
      path,
      headers: json,
      body: `{"question":"${'锂'.repeat(700_000)}"}`,
      auth: true,
    });
    out.push({
      label: 'wrong content type',
      method: 'POST',
      path,
      headers: { 'Content-Type': 'text/plain' },
      body: '{"question":"a"}',
      auth: true,
    });
    out.push({ label: 'no content type', method: 'POST', path, body: '{"question":"a"}', auth: true });
    out.push({
      label: 'invalid utf-8',
      method: 'POST',
      path,
      headers: json,
      body: new Uint8Array([0x7b, 0x22, 0x71, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc0, 0xaf, 0x22, 0x7d]),
      auth: true,
    });
    out.push({ label: 'wrong method', method: 'PUT', path, headers: json, body: '{}', auth: true });
  }
  for (const path of PATH_TRICKS) out.push({ label: 'path trick', method: 'GET', path, auth: true });
  for (const path of BAD_QUERIES) out.push({ label: 'bad query', method: 'GET', path, auth: true });
  out.push(
    {
      label: 'broken multipart',
      method: 'POST',
      path: '/v1/documents',
      headers: { 'Content-Type': 'multipart/form-data; boundary=xyz' },
      body: '--xyz\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc',
      auth: true,
    },
    {
      label: 'multipart without file',
      method: 'POST',
      path: '/v1/documents',
      headers: { 'Content-Type': 'multipart/form-data; boundary=xyz' },
      body: '--xyz\r\nContent-Disposition: form-data; name="visibility"\r\n\r\npublic\r\n--xyz--\r\n',
      auth: true,
    },
    {
      label: 'json to upload',
      method: 'POST',
      path: '/v1/documents',
      headers: json,
      body: '{"file":"x"}',
      auth: true,
    },
    {
      label: 'bad bearer',
      method: 'GET',
      path: '/v1/search?q=a',
      headers: { Authorization: 'Bearer' },
      auth: false,
    },
    {
      label: 'basic auth',
      method: 'GET',
      path: '/v1/search?q=a',
      headers: { Authorization: 'Basic YTpi' },
      auth: false,
    },
    {
      label: 'garbage key',
      method: 'GET',
      path: '/v1/search?q=a',
      headers: { 'X-API-Key': 'ibk_\\"%00;' },
      auth: false,
    },
    {
      label: 'login garbage',
      method: 'POST',
      path: '/login',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'key=%FF%FE&next=%2F%2Fevil',
      auth: false,
    },
    { label: 'login json', method: 'POST', path: '/login', headers: json, body: '{"key": 1}', auth: false },
  );
  const random = rng(seed);
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(random() * 256));
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const families = out.length;
  for (let i = 0; out.length < count; i++) {
    const kind = i % 4;
    if (kind === 0) {
      out.push({
        label: 'random bytes',
        method: 'POST',
        path: pick(JSON_ROUTES),
        headers: json,
        body: bytes(1 + Math.floor(random() * 2_000)),
        auth: true,
      });
    } else if (kind === 1) {
      const s = JSON.stringify(pick(WRONG_TYPES));
      const cut = Math.floor(random() * s.length);
      out.push({
        label: 'truncated json',
        method: 'POST',
        path: pick(JSON_ROUTES),
        headers: json,
        body: s.slice(0, cut),
        auth: true,
      });
    } else if (kind === 2) {
      const junk = Array.from(
        { length: 1 + Math.floor(random() * 12) },
        () =>
          `%${Math.floor(random() * 256)
            .toString(16)
            .toUpperCase()
            .padStart(2, '0')}`,
      ).join('');
      out.push({ label: 'random query', method: 'GET', path: `/v1/search?q=${junk}&k=${junk}z`, auth: true });
    } else {
      out.push({ ...out[i % families]!, label: `${out[i % families]!.label} (repeat)` });
    }
  }
  return out;
}
