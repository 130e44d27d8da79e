import { join } from 'node:path';
import { byText, check } from '../item.js';
import { getOrSet, push } from './maps.js';
import { readLines } from './read.js';

export interface Quad {
  head: string;
  relation: string;
  tail: string;
  date: string;
  /** file:line of the quadruple */
  at: string;
}

/** Targets of a relation query, each with the quadruples that support it. */
export type Targets = Map<string, string[]>;

function readIds(path: string, split: (line: string) => [number, string]): Map<number, string> {
  const out = new Map<number, string>();
  for (const [i, text] of readLines(path).entries()) {
    if (text.trim() === '') continue;
    const [id, value] = split(text);
    check(Number.isInteger(id), `${path}:${i + 1}: no numeric id`);
    out.set(id, value);
  }
  return out;
}

function nameTab(text: string): [number, string] {
  const cut = text.lastIndexOf('\t');
  return [Number(text.slice(cut + 1)), text.slice(0, cut)];
}

export class Ickg {
  readonly quads: Quad[] = [];
  readonly entities: Set<string>;
  readonly firstDay: string;
  readonly lastDay: string;

  constructor(dir: string) {
    const entities = readIds(join(dir, 'entity2id.txt'), nameTab);
    const relations = readIds(join(dir, 'relation2id.txt'), nameTab);
    const times = readIds(join(dir, 'time2id.txt'), (text) => {
      const cut = text.indexOf(',');
      return [Number(text.slice(0, cut)), text.slice(cut + 1).trim()];
    });
    this.entities = new Set(entities.values());
    const days = [...times.values()].sort(byText);
    this.firstDay = days[0]!;
    this.lastDay = days[days.length - 1]!;
    for (const file of ['train.txt', 'valid.txt', 'test.txt']) {
      for (const [i, text] of readLines(join(dir, file)).entries()) {
        if (text.trim() === '') continue;
        const [h, r, t, tm] = text.trim().split(/\s+/).map(Number);
        const head = entities.get(h!);
        const relation = relations.get(r!);
        const tail = entities.get(t!);
        const date = times.get(tm!);
        check(head && relation && tail && date, `${file}:${i + 1}: unknown id`);
        this.quads.push({ head, relation, tail, date, at: `${file}:${i + 1}` });
      }
    }
  }

  private known(names: readonly string[]): Set<string> {
    for (const n of names) check(this.entities.has(n), `${n} is not an ICKG entity`);
    return new Set(names);
  }

  /** Tails of (name relation tail), optionally within a month (YYYY-MM) or year prefix. */
  out(names: readonly string[], relation: string, period?: string): Targets {
    const heads = this.known(names);
    const d: Targets = new Map();
    for (const q of this.quads) {
      if (heads.has(q.head) && q.relation === relation && (!period || q.date.startsWith(period))) {
        push(d, q.tail, q.at);
      }
    }
    for (const n of names) d.delete(n);
    return d;
  }

  /** Heads of (head relation name). */
  in(names: readonly string[], relation: string): Targets {
    const tails = this.known(names);
    const d: Targets = new Map();
    for (const q of this.quads) if (tails.has(q.tail) && q.relation === relation) push(d, q.head, q.at);
    for (const n of names) d.delete(n);
    return d;
  }

  /** Both directions, for symmetric relations (竞争, 合资, 合作). */
  both(names: readonly string[], relation: string): Targets {
    const d: Targets = new Map();
    for (const part of [this.out(names, relation), this.in(names, relation)]) {
      for (const [k, v] of part) getOrSet(d, k, () => []).push(...v);
    }
    return d;
  }

  /** Every quadruple between two sets of names, in either direction. */
  between(a: readonly string[], b: readonly string[]): Quad[] {
    const x = this.known(a);
    const y = this.known(b);
    return this.quads.filter((q) => (x.has(q.head) && y.has(q.tail)) || (y.has(q.head) && x.has(q.tail)));
  }

  relationsOf(names: readonly string[]): Set<string> {
    const x = this.known(names);
    return new Set(this.quads.filter((q) => x.has(q.head) || x.has(q.tail)).map((q) => q.relation));
  }
}

/** Targets as the notes list them: name@file:line,… sorted by name. */
export function describeTargets(d: Targets): string {
  return [...d.entries()]
    .sort(([a], [b]) => byText(a, b))
    .map(([k, v]) => `${k}@${v.join(',')}`)
    .join('; ');
}
