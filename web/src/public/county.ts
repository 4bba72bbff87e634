/** The counties list, fetched once per page load and shared by the picker and the page header. */
import { useEffect, useState } from 'react';
import { errorMessage, publicApi } from './api.ts';
import type { County } from './types.ts';

let cache: Promise<County[]> | null = null;

export function loadCounties(): Promise<County[]> {
  cache ??= publicApi.counties().then((r) => r.items).catch((err: unknown) => {
    cache = null;
    throw err;
  });
  return cache;
}

export function useCounties() {
  const [items, setItems] = useState<County[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry trigger; a new value reloads
  useEffect(() => {
    let live = true;
    setError(null);
    loadCounties().then((c) => live && setItems(c)).catch((e: unknown) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [attempt]);
  return { items, error, retry: () => setAttempt((n) => n + 1) };
}

/**
 * The name of a county (null until known, or when the id is unknown). A page that will learn the name
 * from its own data passes `known` (null while loading) and nothing is fetched; `undefined` fetches.
 */
export function useCountyName(countyId: number | null, known?: string | null): string | null {
  const [name, setName] = useState<string | null>(known ?? null);
  useEffect(() => {
    if (known !== undefined) {
      setName(known);
      return;
    }
    if (!countyId) {
      setName(null);
      return;
    }
    let live = true;
    loadCounties().then((c) => live && setName(c.find((x) => x.id === countyId)?.name ?? null)).catch(() => undefined);
    return () => {
      live = false;
    };
  }, [countyId, known]);
  return name;
}
