import { QueryClient } from '@tanstack/react-query';
import { isApiError } from '../shared/api.ts';

/** Server state: a refusal (4xx) is final, a network or server failure is tried once more. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (count, err) => count < 1 && !(isApiError(err) && err.status >= 400 && err.status < 500),
    },
    mutations: { retry: false },
  },
});
