/** 我的待办's server state, shared by the page and the home queues. */
import { useQuery } from '@tanstack/react-query';
import type { WorkList, WorkTag } from '@xs/core/schemas/work.ts';
import { api } from '../../../shared/api.ts';

export const WORK_KEY = 'work';

export function useWork(filter: { tag?: WorkTag; type?: string } = {}, enabled = true) {
  return useQuery({
    queryKey: [WORK_KEY, filter],
    queryFn: () => api.get<WorkList>('/work', filter),
    enabled,
    // Work changes under the user (new 交办, a clock passing): look again now and then.
    refetchInterval: 120_000,
  });
}
