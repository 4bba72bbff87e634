/** The org's reference lists for selects and for showing names instead of ids. */
import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, type Query } from '../../shared/api.ts';
import type { Member, NamedItemView, Place, Unit } from '@xs/core/schemas/orgs.ts';
import type { Page } from '../../shared/types.ts';
import { useCan } from '../session.tsx';

export const OPTIONS_KEY = 'options';

export interface Options<T> {
  items: T[];
  options: { value: number; label: string }[];
  nameOf: (id: number | null | undefined) => string | undefined;
  loading: boolean;
}

function useOptions<T extends { id: number; name: string }>(path: string, query: Query = {}, enabled = true): Options<T> {
  const q = useQuery({
    queryKey: [OPTIONS_KEY, path, query],
    queryFn: () => api.get<Page<T>>(path, { ...query, pageSize: 500 }),
    enabled,
    staleTime: 60_000,
  });
  return useMemo(() => {
    const items = q.data?.items ?? [];
    const names = new Map(items.map((i) => [i.id, i.name]));
    return {
      items,
      options: items.map((i) => ({ value: i.id, label: i.name })),
      nameOf: (id) => (id === null || id === undefined ? undefined : names.get(id)),
      loading: q.isLoading,
    };
  }, [q.data, q.isLoading]);
}

export const useTownships = () => useOptions<Place>('/orgs/places', { kind: 'township' });
export const useSectors = () => useOptions<NamedItemView>('/orgs/sectors');
export const useCommittees = () => useOptions<NamedItemView>('/orgs/committees');
export const useUnits = () => useOptions<Unit>('/orgs/units');
/** Members are only listed for those who may read them. */
export function useMembers(): Options<Member> {
  const can = useCan();
  return useOptions<Member>('/members', {}, can('member.read'));
}
