/**
 * The county's rules for a 转办 (issue 9): the deadline staff may choose (not before tomorrow, not past
 * `clue.deadline.forwardMax` working days), its default by urgency, and the checks of a forwarding's fields.
 */
import type { Kysely } from 'kysely';
import { addCalendarDays, addWorkingDays, cstDate } from '@xs/core/calendar.ts';
import type { ClueForwardRules, ClueTransitionBody } from '@xs/core/schemas/clues.ts';
import type { FieldIssue } from '@xs/core/workflow.ts';
import type { Database } from '../../db/database.ts';
import { getCalendar, getSetting } from '../../platform/settings.ts';
import { activeUnit } from '../orgs/orgs.read.ts';

/** The dates the forwarding form may choose today, on the county's calendar. */
export async function forwardRules(db: Kysely<Database>, tenantId: number, now = new Date()): Promise<ClueForwardRules> {
  const [max, normal, urgent, coViews, calendar] = await Promise.all([
    getSetting(db, tenantId, 'clue.deadline.forwardMax'), getSetting(db, tenantId, 'clue.deadline.forward'),
    getSetting(db, tenantId, 'clue.deadline.urgent'), getSetting(db, tenantId, 'clue.deadline.coViews'), getCalendar(db, tenantId),
  ]);
  const day = (n: number) => cstDate(addWorkingDays(now, Math.min(n, max), calendar));
  return {
    minDate: cstDate(addCalendarDays(now, 1)), maxDate: day(max), maxWorkingDays: max,
    defaultDate: { normal: day(normal), urgent: day(urgent) }, coViewsDays: coViews,
  };
}

/**
 * The forwarding's input with the county's defaults filled in: an urgent clue without a chosen date gets
 * `clue.deadline.urgent` working days (an ordinary one runs the handling clock's own length).
 */
export async function forwardDefaults(db: Kysely<Database>, tenantId: number, body: ClueTransitionBody, now = new Date()): Promise<Partial<ClueTransitionBody>> {
  if (body.dueDate || body.urgency !== 'urgent') return {};
  return { dueDate: (await forwardRules(db, tenantId, now)).defaultDate.urgent };
}

/** Every problem with a forwarding's unit, date and co-units, each on its field. */
export async function checkForward(db: Kysely<Database>, tenantId: number, body: ClueTransitionBody, now = new Date()): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  if (body.unitId && !(await activeUnit(db, tenantId, body.unitId))) issues.push({ path: 'unitId', message: '所选承办单位不存在或已停用' });
  if (body.dueDate) {
    const rules = await forwardRules(db, tenantId, now);
    if (body.dueDate < rules.minDate) issues.push({ path: 'dueDate', message: `办理期限最早为明天（${rules.minDate}）` });
    else if (body.dueDate > rules.maxDate) issues.push({ path: 'dueDate', message: `办理期限最晚为 ${rules.maxDate}（${rules.maxWorkingDays} 个工作日内）` });
  }
  const co = body.coUnitIds ?? [];
  if (new Set(co).size !== co.length) issues.push({ path: 'coUnitIds', message: '同一会办单位不能重复选择' });
  else if (body.unitId && co.includes(body.unitId)) issues.push({ path: 'coUnitIds', message: '主办单位不能同时是会办单位' });
  else {
    for (const u of co) {
      if (!(await activeUnit(db, tenantId, u))) {
        issues.push({ path: 'coUnitIds', message: '所选会办单位不存在或已停用' });
        break;
      }
    }
  }
  return issues;
}
