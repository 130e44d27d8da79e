export function getOrSet<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  getOrSet(map, key, () => []).push(value);
}

/** Keeps the first line a key was seen on. */
export function setFirst<K>(map: Map<K, number>, key: K, line: number): void {
  if (!map.has(key)) map.set(key, line);
}
