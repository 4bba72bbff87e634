/**
 * Word documents generated from the data: the proposal form (提案表), the reply letter (答复函), the assignment
 * notice (交办通知) and the yearly proposal-work report for the party standing committee (年度提案工作报告).
 * Figures in the report come from the dashboard's named definitions, so the two never disagree.
 */
import type { Kysely } from 'kysely';
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { PROPOSAL_RESULT_SCHEMES } from '@xs/core/proposal-results.ts';
import { ASSIGNMENT_ROLES, EVALUATION_LEVELS } from '@xs/core/schemas/proposals.ts';
import type { Database } from '../../db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { requireCounty } from '../orgs/orgs.read.ts';
import { dashboard } from './proposals.figures.ts';
import { proposalDetail, type Who } from './proposals.service.ts';
import { assignmentDetail } from './proposals.units.ts';

type Db = Kysely<Database>;
const FONT = 'SimSun';

const p = (text: string, o: { bold?: boolean; size?: number; center?: boolean; heading?: boolean } = {}) => new Paragraph({
  alignment: o.center ? AlignmentType.CENTER : AlignmentType.LEFT,
  heading: o.heading ? HeadingLevel.HEADING_2 : undefined,
  spacing: { after: 120, line: 360 },
  children: [new TextRun({ text, bold: o.bold, size: o.size ?? 28, font: FONT })],
});

const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold, size: 24, font: FONT })] })] });
const table = (rows: string[][]) => new Table({
  width: { size: 100, type: WidthType.PERCENTAGE },
  rows: rows.map((r, i) => new TableRow({ children: r.map((t) => cell(t, i === 0)) })),
});
const labelled = (rows: [string, string][]) => new Table({
  width: { size: 100, type: WidthType.PERCENTAGE },
  rows: rows.map(([k, v]) => new TableRow({ children: [cell(k, true), cell(v)] })),
});

async function pack(children: (Paragraph | Table)[]): Promise<Buffer> {
  const doc = new Document({ styles: { default: { document: { run: { font: FONT } } } }, sections: [{ children }] });
  return Buffer.from(await Packer.toBuffer(doc));
}

const pct = (v: number | null) => (v === null ? '—' : `${v}%`);

/** 提案表: the proposal as filed, with its number, proposers, 案由 and 建议. */
export async function proposalFormDocx(db: Db, who: Who, id: number): Promise<Buffer> {
  const d = await proposalDetail(db, who, id);
  const county = await requireCounty(db, who.tenantId);
  const proposers = d.signers.filter((s) => !s.declinedAt).map((s) => s.name).join('、');
  return pack([
    p(`政协${county.name}委员会`, { center: true, bold: true, size: 32 }),
    p('提 案 表', { center: true, bold: true, size: 40 }),
    labelled([
      ['编号', d.number ? d.code : '（未立案）'], ['会议', d.sessionName ?? ''], ['类别', d.category ?? ''], ['提案形式', d.authorKindLabel],
      ['提案人', d.authorKind === 'sector' ? `${d.sectorName ?? ''}界别` : d.authorKind === 'committee' ? (d.committeeName ?? '') : d.authorKind === 'party' ? (d.partyName ?? '') : proposers],
      ['大会/平时', d.timingLabel ?? ''], ['标题', d.title],
    ]),
    p('案由', { bold: true, heading: true }),
    ...(d.reason ?? '').split('\n').map((l) => p(l)),
    p('建议', { bold: true, heading: true }),
    ...(d.suggestion ?? '').split('\n').map((l) => p(l)),
  ]);
}

/** 答复函: 《关于××届×次会议第×号提案的答复》 with the result class marked. */
export async function replyLetterDocx(db: Db, who: Who, assignmentId: number): Promise<Buffer> {
  const a = await assignmentDetail(db, who, assignmentId);
  if (!a.repliedAt) throw notFound('答复');
  const proposal = await proposalDetail(db, who, a.proposalId);
  const proposers = proposal.signers.filter((s) => !s.declinedAt).map((s) => s.name);
  return pack([
    p(`关于${proposal.code}提案的答复`, { center: true, bold: true, size: 36 }),
    p(`办理结果类别：${a.resultClassLabel ?? ''}`, { bold: true }),
    p(`${proposers.join('、')}委员：`),
    p(`您提出的《${proposal.title}》提案收悉。现答复如下：`),
    ...(a.summary ?? '').split('\n').map((l) => p(l)),
    p('感谢您对我们工作的关心和支持。'),
    p(a.unitName, { center: false }),
    p((a.repliedAt ?? '').slice(0, 10)),
  ]);
}

/** 交办通知: which units handle the proposal, in which part, and the clocks they run on. */
export async function assignmentNoticeDocx(db: Db, who: Who, id: number): Promise<Buffer> {
  const d = await proposalDetail(db, who, id);
  const county = await requireCounty(db, who.tenantId);
  const rows = d.assignments.filter((a) => a.state !== 'withdrawn').map((a) => [
    a.unitName, ASSIGNMENT_ROLES[a.role], (a.clocks.find((c) => c.name === (a.role === 'co' ? 'views' : 'reply'))?.dueAt ?? '').slice(0, 10),
  ]);
  return pack([
    p(`政协${county.name}委员会提案委员会`, { center: true, bold: true, size: 32 }),
    p('提案交办通知', { center: true, bold: true, size: 36 }),
    p(`现将${d.code}《${d.title}》交由下列单位办理。主办单位应在交办后15个工作日内与提案人联系，会办单位应在1个月内向主办单位提出会办意见，答复期限见下表。`),
    table([['承办单位', '承办方式', '期限'], ...rows]),
  ]);
}

/** 年度提案工作报告: totals, rates, class shares, satisfaction, each key proposal and a table by unit. */
export async function yearlyReportDocx(db: Db, tenantId: number, year: number): Promise<Buffer> {
  const d = await dashboard(db, tenantId, { year });
  const county = await requireCounty(db, tenantId);
  const t = d.total;
  const scheme = PROPOSAL_RESULT_SCHEMES[d.scheme];
  return pack([
    p(`政协${county.name}委员会`, { center: true, bold: true, size: 32 }),
    p(`关于${year}年度提案工作情况的报告`, { center: true, bold: true, size: 36 }),
    p('一、提案提交和立案情况', { bold: true, heading: true }),
    p(`${year}年共收到提案${t.submitted}件，经审查立案${t.registered}件，不予立案${t.notRegistered}件，并案${t.merged}件，立案率${pct(t.registerRate)}。`),
    p('二、提案办理情况', { bold: true, heading: true }),
    p(`立案提案已办复${t.handled}件，办复率${pct(t.replyRate)}；已办结${t.closed}件；提案所提建议被采纳${t.adopted}件，采纳率${pct(t.adoptRate)}。`),
    p(`办理结果（${scheme.label}）：${d.classes.map((c) => `${c.code}类（${c.label}）${c.count}件，占${pct(c.share)}`).join('；')}。`),
    p('三、提案人评价情况', { bold: true, heading: true }),
    p(`共评价${t.evaluations}人次，对办理结果满意或基本满意的占${pct(t.satisfaction)}（满意${d.satisfaction.result.satisfied}、基本满意${d.satisfaction.result.basically}、不满意${d.satisfaction.result.unsatisfied}人次）；对办理工作${Object.entries(EVALUATION_LEVELS).map(([k, l]) => `${l}${d.satisfaction.handling[k as keyof typeof EVALUATION_LEVELS]}人次`).join('、')}。`),
    p('四、重点提案督办情况', { bold: true, heading: true }),
    ...(d.keyProposals.length
      ? [table([['编号', '标题', '领衔督办', '办理情况'], ...d.keyProposals.map((k) => [k.code, k.title, k.leader ?? '', `${k.stateLabel}${k.resultClass ? `（${k.resultClass}类）` : ''}`])])]
      : [p('本年度未确定重点提案。')]),
    p('五、各承办单位办理情况', { bold: true, heading: true }),
    table([['承办单位', '承办件次', '主办', '会办', '分办', '已答复', '办复率'], ...d.byUnit.map((u) => [u.name, String(u.assigned), String(u.lead), String(u.co), String(u.separate), String(u.replied), pct(u.replyRate)])]),
  ]);
}
