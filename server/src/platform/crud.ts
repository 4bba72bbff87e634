/**
 * Tenant-scoped list / create / update / delete / export for the organisation's reference data
 * (places, sectors, committees, units, venues, members). One implementation, so every one of them
 * scopes by tenant, checks the version, refuses references into another tenant, audits the change and
 * turns constraint violations into clear messages in the same way.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import type { FieldError } from '@xs/core/errors.ts';
import { IdParamsSchema, text } from '@xs/core/validation.ts';
import { OkSchema, pageOf } from '@xs/core/schemas/common.ts';
import type { Permission } from '@xs/core/roles.ts';
import type { Database } from '../db/database.ts';
import { affected } from '../db/database.ts';
import { AppError, invalid, notFound } from './errors.ts';
import { auditSource, writeAudit } from './audit.ts';
import { authOf, type AuthContext } from './auth.ts';
import { isForeignKeyViolation, isUniqueViolation } from './db-errors.ts';
import { sendWorkbook, type ExportColumn } from './excel.ts';
import { contains } from './like.ts';

type Row = Record<string, unknown> & { id: number; tenant_id: number };
/** Reference tables are reached by name here; each spec's own types keep the columns honest. */
type LooseDb = Kysely<Record<string, Row>>;
const loose = (db: Kysely<Database> | Transaction<Database>) => db as unknown as LooseDb;

/** A field that names a row of another table in the same tenant. */
export interface RefCheck {
  field: string;
  table: keyof Database & string;
  id: number | null | undefined;
  label: string;
  /** For orgs: the kinds the referenced org may have. */
  kinds?: string[];
}

export async function checkRefs(db: Kysely<Database>, tenantId: number, refs: RefCheck[]): Promise<FieldError[]> {
  const issues: FieldError[] = [];
  for (const r of refs) {
    if (r.id === null || r.id === undefined) continue;
    let q = loose(db).selectFrom(r.table).select('id').where('id', '=', r.id).where('tenant_id', '=', tenantId);
    if (r.kinds) q = q.where('kind', 'in', r.kinds);
    if (!(await q.executeTakeFirst())) issues.push({ path: r.field, message: `所选${r.label}不存在` });
  }
  return issues;
}

export interface CrudSpec<Dto, Create extends Record<string, unknown>, Update extends Record<string, unknown> & { version: number }> {
  /** URL path under /api/v1, e.g. `/orgs/sectors`. */
  path: string;
  table: keyof Database & string;
  /** Audit entity name, e.g. `sector`. */
  entity: string;
  label: string;
  tag: string;
  read: Permission;
  write: Permission;
  createSchema: z.ZodType<Create>;
  updateSchema: z.ZodType<Update>;
  /** Extra list filters from the query string: query key → its schema and the column it filters. */
  filters?: Record<string, { schema: z.ZodType; column: string }>;
  toRow: (input: Partial<Create>) => Record<string, unknown>;
  toDto: (row: Row) => Dto;
  /** The row as the API sends it (core/src/schemas): the response schema of every route here. */
  dtoSchema: z.ZodType<Dto>;
  refs?: (input: Partial<Create>) => RefCheck[];
  /** Base filter for every query of this spec (e.g. orgs: only townships and villages). */
  scope?: Record<string, unknown>;
  /** Column to search with `q`. */
  searchColumn?: string;
  orderBy: string[];
  exportColumns: ExportColumn<Dto>[];
  /** Write related rows (e.g. member committees) inside the same transaction. */
  afterWrite?: (trx: Transaction<Database>, tenantId: number, id: number, input: Partial<Create>) => Promise<void>;
  /** Enrich listed rows (e.g. attach committee ids). */
  decorate?: (db: Kysely<Database>, tenantId: number, rows: Dto[]) => Promise<Dto[]>;
  uniqueMessage?: string;
  /** Shape a row for the caller (e.g. mask phone numbers for those who may not manage the data). */
  present?: (dto: Dto, auth: AuthContext) => Dto;
  defaults?: (now: string, tenantId: number, input: Partial<Create>) => Record<string, unknown>;
}

const ListQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  // Search text is checked like any typed text: a NUL byte would make PostgreSQL fail the query.
  q: text(50, 0).optional(),
});

export function registerCrud<Dto, C extends Record<string, unknown>, U extends Record<string, unknown> & { version: number }>(
  plainApp: FastifyInstance,
  spec: CrudSpec<Dto, C, U>,
): void {
  const app = plainApp.withTypeProvider<ZodTypeProvider>();
  const { db } = app;
  const filters = Object.entries(spec.filters ?? {});
  const querySchema = ListQuery.extend(Object.fromEntries(filters.map(([k, f]) => [k, f.schema.optional()])));
  // Typed loosely here (a generic Dto does not resolve through the type provider); the spec ties toDto to dtoSchema.
  const dto: z.ZodType = spec.dtoSchema;

  /** Rows as the caller receives them: related data attached, then shaped for the caller. */
  async function shape(req: FastifyRequest, rows: Dto[]): Promise<Dto[]> {
    const auth = authOf(req);
    const decorated = spec.decorate ? await spec.decorate(db, auth.tenantId, rows) : rows;
    return spec.present ? decorated.map((d) => spec.present!(d, auth)) : decorated;
  }

  async function list(req: FastifyRequest, query: Record<string, unknown>, all: boolean) {
    const { tenantId } = authOf(req);
    let q = loose(db).selectFrom(spec.table).where('tenant_id', '=', tenantId);
    for (const [k, v] of Object.entries(spec.scope ?? {})) q = Array.isArray(v) ? q.where(k, 'in', v) : q.where(k, '=', v);
    for (const [key, f] of filters) if (query[key] !== undefined) q = q.where(f.column, '=', query[key]);
    if (typeof query.q === 'string' && query.q && spec.searchColumn) q = q.where(contains(spec.searchColumn, query.q));
    const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    let rows = q.selectAll();
    for (const col of spec.orderBy) rows = rows.orderBy(col);
    const page = Number(query.page ?? 1);
    const pageSize = Number(query.pageSize ?? 50);
    const found = all ? await rows.limit(10_000).execute() : await rows.limit(pageSize).offset((page - 1) * pageSize).execute();
    const items = found.map((r) => spec.toDto(r as Row));
    return { items: await shape(req, items), total, page, pageSize };
  }

  async function findOwn(tenantId: number, id: number, trx: Kysely<Database> = db): Promise<Row> {
    let q = loose(trx).selectFrom(spec.table).selectAll().where('id', '=', id).where('tenant_id', '=', tenantId);
    for (const [k, v] of Object.entries(spec.scope ?? {})) q = Array.isArray(v) ? q.where(k, 'in', v) : q.where(k, '=', v);
    const row = await q.executeTakeFirst();
    if (!row) throw notFound(spec.label);
    return row as Row;
  }

  /** A row as the audit's "before" records it: with its related data (e.g. committees), like the "after" of an edit. */
  async function snapshot(tenantId: number, row: Row): Promise<Dto> {
    const dto = spec.toDto(row);
    return spec.decorate ? (await spec.decorate(db, tenantId, [dto]))[0]! : dto;
  }

  function translate(err: unknown): never {
    if (isUniqueViolation(err)) throw new AppError('conflict', spec.uniqueMessage ?? `已有同名的${spec.label}`, [{ path: 'name', message: spec.uniqueMessage ?? '名称已存在' }]);
    if (isForeignKeyViolation(err)) throw new AppError('conflict', `该${spec.label}已被其他数据使用，不能删除`);
    throw err;
  }

  app.get(spec.path, {
    schema: { tags: [spec.tag], summary: `${spec.label}列表`, querystring: querySchema, response: { 200: pageOf(dto) } },
    config: { permission: spec.read },
  }, async (req) => list(req, req.query as Record<string, unknown>, false));

  app.get(`${spec.path}/export`, {
    schema: { tags: [spec.tag], summary: `导出${spec.label}（Excel）`, querystring: querySchema },
    config: { permission: spec.read },
  }, async (req, reply) => {
    const { items } = await list(req, req.query as Record<string, unknown>, true);
    return sendWorkbook(reply, spec.label, spec.label, spec.exportColumns, items);
  });

  app.get(`${spec.path}/:id`, {
    schema: { tags: [spec.tag], summary: `${spec.label}详情`, params: IdParamsSchema, response: { 200: dto } },
    config: { permission: spec.read, entity: spec.table },
  }, async (req) => {
    const { tenantId } = authOf(req);
    return (await shape(req, [spec.toDto(await findOwn(tenantId, req.params.id))]))[0];
  });

  app.post(spec.path, {
    schema: { tags: [spec.tag], summary: `新增${spec.label}`, body: spec.createSchema, response: { 201: dto } },
    config: { permission: spec.write },
  }, async (req, reply) => {
    const auth = authOf(req);
    const input = req.body as C;
    const issues = await checkRefs(db, auth.tenantId, spec.refs?.(input) ?? []);
    if (issues.length) throw invalid(issues);
    const now = new Date().toISOString();
    try {
      const created = await db.transaction().execute(async (trx) => {
        const row = await loose(trx).insertInto(spec.table)
          .values({ ...spec.defaults?.(now, auth.tenantId, input), ...spec.toRow(input), tenant_id: auth.tenantId } as Row)
          .returningAll().executeTakeFirstOrThrow() as Row;
        await spec.afterWrite?.(trx, auth.tenantId, row.id, input);
        await writeAudit(trx, { ...auditSource(req), action: `${spec.entity}.create`, entity: spec.entity, entityId: row.id,
          summary: `新增${spec.label}「${String(row.name ?? row.id)}」`, after: input });
        return row;
      });
      reply.status(201);
      return (await shape(req, [spec.toDto(created)]))[0];
    } catch (err) {
      translate(err);
    }
  });

  app.patch(`${spec.path}/:id`, {
    schema: { tags: [spec.tag], summary: `修改${spec.label}`, params: IdParamsSchema, body: spec.updateSchema, response: { 200: dto } },
    config: { permission: spec.write, entity: spec.table },
  }, async (req) => {
    const auth = authOf(req);
    const { version, ...input } = req.body as U;
    const before = await findOwn(auth.tenantId, req.params.id);
    const issues = await checkRefs(db, auth.tenantId, spec.refs?.(input as unknown as Partial<C>) ?? []);
    if (issues.length) throw invalid(issues);
    // Read before the transaction replaces the related rows; the version check below makes it the state edited.
    const beforeDto = await snapshot(auth.tenantId, before);
    try {
      const updated = await db.transaction().execute(async (trx) => {
        const changes = spec.toRow(input as unknown as Partial<C>);
        const hasVersion = 'version' in before;
        let q = loose(trx).updateTable(spec.table)
          .set(hasVersion ? { ...changes, version: Number(before.version) + 1 } : changes)
          .where('id', '=', before.id).where('tenant_id', '=', auth.tenantId);
        if (hasVersion) q = q.where('version', '=', version);
        if (affected(await q.executeTakeFirst()) === 0) {
          throw new AppError('stale_version', `该${spec.label}已被他人修改，请刷新后再试`);
        }
        await spec.afterWrite?.(trx, auth.tenantId, before.id, input as unknown as Partial<C>);
        await writeAudit(trx, { ...auditSource(req), action: `${spec.entity}.update`, entity: spec.entity, entityId: before.id,
          summary: `修改${spec.label}「${String(before.name ?? before.id)}」`, before: beforeDto, after: input });
        return findOwn(auth.tenantId, before.id, trx);
      });
      return (await shape(req, [spec.toDto(updated)]))[0];
    } catch (err) {
      translate(err);
    }
  });

  app.delete(`${spec.path}/:id`, {
    schema: { tags: [spec.tag], summary: `删除${spec.label}`, params: IdParamsSchema, response: { 200: OkSchema } },
    config: { permission: spec.write, entity: spec.table },
  }, async (req) => {
    const auth = authOf(req);
    const before = await findOwn(auth.tenantId, req.params.id);
    const beforeDto = await snapshot(auth.tenantId, before);
    try {
      await db.transaction().execute(async (trx) => {
        await loose(trx).deleteFrom(spec.table).where('id', '=', before.id).where('tenant_id', '=', auth.tenantId).execute();
        await writeAudit(trx, { ...auditSource(req), action: `${spec.entity}.delete`, entity: spec.entity, entityId: before.id,
          summary: `删除${spec.label}「${String(before.name ?? before.id)}」`, before: beforeDto });
      });
    } catch (err) {
      translate(err);
    }
    return { ok: true as const };
  });
}
