/**
 * The API's response types are inferred from the response schemas in core (core/src/schemas/<module>.ts, e.g.
 * `Me` from auth.ts, `TaskDetail` from tasks.ts); nothing here mirrors a DTO by hand. What stays is the generic
 * page shape that list components take for any row type.
 */

export interface Page<T> {
  items: T[];
  total: number;
  /** A search counts its matches only up to a cap: `total` is then the cap and there are more ("1,000+"). */
  totalCapped?: boolean;
  page: number;
  pageSize: number;
}
