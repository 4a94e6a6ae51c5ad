// Per-value memoization of expensive string predicates (has_any with thousands of needles, regex, has): log columns
// repeat values heavily (hosts, URLs, process names), so each distinct string is tested once. Interned strings make
// the Map lookups cheap; the cache stops growing at a bound so unique-per-row columns cost one extra lookup only.
const MAX_ENTRIES = 200_000;

export function memoizeString<T>(f: (s: string) => T): (s: string) => T {
  const cache = new Map<string, T>();
  let full = false;
  return (s) => {
    const hit = cache.get(s);
    if (hit !== undefined) return hit;
    const v = f(s);
    if (!full) {
      cache.set(s, v);
      if (cache.size >= MAX_ENTRIES) full = true;
    }
    return v;
  };
}
