/**
 * Word documents generated from the data: the outcome report sent to the party and government (协商成果报告),
 * a meeting's minutes (会议纪要) and the annual plan (年度协商计划).
 */
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { requireCounty } from '../orgs/orgs.read.ts';
import { meetingDetail } from './meetings.service.ts';
import { annualPlan } from './plan.service.ts';
import { topicDetail, type ConsultActor } from './topics.service.ts';

const FONT = { ascii: 'SimSun', eastAsia: '宋体', hAnsi: 'SimSun' };
const p = (text: string, o: { bold?: boolean; size?: number; center?: boolean } = {}) =>
  new Paragraph({ alignment: o.center ? AlignmentType.CENTER : undefined, spacing: { after: 120 }, children: [new TextRun({ text, bold: o.bold, size: o.size ?? 28, font: FONT })] });
const title = (text: string) => new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text, bold: true, size: 40, font: FONT })] });
const heading = (text: string) => new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 200, after: 120 }, children: [new TextRun({ text, bold: true, size: 30, font: FONT })] });
const lines = (text: string | null) => (text ?? '—').split('\n').map((l) => p(l));
function table(head: string[], rows: (string | number)[][]) {
  const cell = (v: string | number, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: String(v), bold, size: 24, font: FONT })] })] });
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [new TableRow({ children: head.map((h) => cell(h, true)) }), ...rows.map((r) => new TableRow({ children: r.map((v) => cell(v)) }))] });
}
const pack = (children: (Paragraph | Table)[]) => Packer.toBuffer(new Document({ creator: '协商', sections: [{ children }] }));

/** 协商成果报告: the topic, how it was consulted, the outcome, the decision and every task with its figures. */
export async function outcomeReport(db: Kysely<Database>, who: ConsultActor, id: number): Promise<{ name: string; data: Buffer }> {
  const [t, county] = await Promise.all([topicDetail(db, who, id), requireCounty(db, who.tenantId)]);
  const held = t.meetings.filter((m) => m.state === 'held');
  const data = await pack([
    title(`关于「${t.title}」的协商成果报告`),
    p(`${county.name} · ${t.code}`, { center: true, size: 24 }),
    heading('一、议题概况'),
    p(`协商形式：${t.formatLabel}；层级：${t.levelLabel}${t.placeName ? `（${t.placeName}）` : ''}；来源：${t.sourceLabel}。`),
    ...lines(t.description),
    heading('二、协商过程'),
    p(`知情明政：${t.briefing ?? '—'}`),
    p(`收集民意：${t.survey ?? '—'}`),
    p(`共开展协商活动 ${held.length} 次：${held.map((m) => `${m.kindLabel}「${m.title}」`).join('、') || '—'}。`),
    heading('三、协商成果'),
    ...lines(t.outcome),
    heading('四、党政决议'),
    p(t.decisionLabel ? `决议：${t.decisionLabel}${t.instruction ? `；批示：${t.instruction}` : ''}` : '待党委政府决议'),
    heading('五、落实事项'),
    p(`共 ${t.tasks.length} 项，已核验办结 ${t.tasks.filter((x) => x.state === 'verified').length} 项。`),
    table(['编号', '事项', '责任单位', '成效', '状态'], t.tasks.map((x) => [x.code, x.title, x.unitName, x.measure ? `${x.measure.label} ${x.measure.current ?? 0}/${x.measure.target ?? '—'}` : '—', x.stateLabel])),
  ]);
  return { name: `协商成果报告-${t.code}`, data };
}

/** 会议纪要: time, place, attendance, agenda, minutes and the 共提共答 items. */
export async function minutesDoc(db: Kysely<Database>, who: ConsultActor, id: number): Promise<{ name: string; data: Buffer }> {
  const m = await meetingDetail(db, who, id);
  const absent = m.participants.filter((x) => x.status !== 'checked_in');
  const data = await pack([
    title(`${m.title}会议纪要`),
    p(`时间：${m.startsAt.slice(0, 16).replace('T', ' ')}（UTC）  地点：${[m.placeName, m.venueName, m.address].filter(Boolean).join(' ') || '—'}`),
    p(`应到 ${m.attendance.invited} 人，实到 ${m.attendance.checkedIn} 人。`),
    p(`出席：${m.participants.filter((x) => x.status === 'checked_in').map((x) => x.name).join('、') || '—'}`),
    p(`缺席：${absent.map((x) => `${x.name}（${x.statusLabel}${x.absenceReason ? `：${x.absenceReason}` : ''}）`).join('、') || '无'}`),
    heading('议程'),
    ...lines(m.agenda),
    heading('纪要'),
    ...lines(m.minutes ?? m.findings),
    heading('共提共答'),
    table(['问题', '提问人', '答复单位', '答复', '承诺'], m.qa.map((q) => [q.question, q.askedBy, q.unitName ?? '—', q.answer ?? '—', q.commitment ?? '—'])),
  ]);
  return { name: `会议纪要-${m.title}`, data };
}

/** 年度协商计划: the year's topics by month, with the rhythm and its breaks. */
export async function planDoc(db: Kysely<Database>, who: ConsultActor, year: number): Promise<{ name: string; data: Buffer }> {
  const [plan, county] = await Promise.all([annualPlan(db, who.tenantId, year), requireCounty(db, who.tenantId)]);
  const rows = plan.months.flatMap((m) => m.topics.map((t) => [`${m.month} 月`, t.title, t.formatLabel, t.levelLabel]));
  const data = await pack([
    title(`${county.name}${year}年度协商计划`),
    p(plan.approvedAt ? `本计划于 ${plan.approvedAt.slice(0, 10)} 审定。` : '本计划尚未审定。'),
    p(`全年列入协商议题 ${plan.topicCount} 个。`),
    ...(plan.rhythm === 'none' ? [] : [p(`协商节奏：单月界别活动、双月乡镇协商。${plan.breaks.length ? `尚未按节奏安排的月份：${plan.breaks.join('、')} 月。` : ''}`)]),
    table(['月份', '议题', '协商形式', '层级'], rows),
  ]);
  return { name: `${year}年度协商计划`, data };
}
