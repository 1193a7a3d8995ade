/**
 * The items of a list whose key an earlier item already had, each with that first item, in
 * list order: what every "declared twice" check reports (families, events, alert names).
 */
export function repeatsBy<T>(items: Iterable<T>, key: (item: T) => string): (readonly [again: T, first: T])[] {
  const first = new Map<string, T>();
  const out: (readonly [T, T])[] = [];
  for (const item of items) {
    const k = key(item);
    if (first.has(k)) out.push([item, first.get(k)!]);
    else first.set(k, item);
  }
  return out;
}
