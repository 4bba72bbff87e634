/**
 * 码上议 posters: every venue and every member studio gets a QR code that opens the public report
 * form with its county, venue (or member), township and channel filled in; and an A4 poster to print,
 * as PNG (rendered from SVG by sharp, Chinese text set in Noto Sans CJK) and as PDF (the same image
 * on an A4 page).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { VENUE_KIND_LABELS } from '@xs/core/schemas/orgs.ts';
import { IdSchema } from '@xs/core/validation.ts';
import { authOf } from '../../platform/auth.ts';
import { notFound } from '../../platform/errors.ts';

const Params = z.strictObject({ id: IdSchema, format: z.enum(['png', 'pdf']) });
const QrParams = z.strictObject({ id: IdSchema });

/** The public address the QR opens; behind a proxy PUBLIC_URL names the outside origin. */
export function reportUrl(req: FastifyRequest, countyId: number, target: { venueId?: number; memberId?: number }): string {
  const origin = process.env.PUBLIC_URL ?? `${req.protocol}://${req.headers.host ?? 'localhost'}`;
  const q = new URLSearchParams({ c: String(countyId) });
  if (target.venueId) q.set('v', String(target.venueId));
  if (target.memberId) q.set('m', String(target.memberId));
  return `${origin.replace(/\/$/, '')}/h5/report?${q.toString()}`;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A4 at 150 dpi: 1240 × 1754 px. */
export async function posterPng(p: { county: string; title: string; subtitle: string; url: string }): Promise<Buffer> {
  const qr = await QRCode.toString(p.url, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' });
  const qrInner = qr.replace(/^[\s\S]*?<svg[^>]*viewBox="([^"]+)"[^>]*>/, '<svg x="270" y="560" width="700" height="700" viewBox="$1">');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1240" height="1754" viewBox="0 0 1240 1754">
  <rect width="1240" height="1754" fill="#ffffff"/>
  <rect width="1240" height="300" fill="#a8071a"/>
  <text x="620" y="150" font-family="Noto Sans CJK SC, sans-serif" font-size="96" font-weight="bold" fill="#ffffff" text-anchor="middle">码上议 · 直通政协</text>
  <text x="620" y="240" font-family="Noto Sans CJK SC, sans-serif" font-size="44" fill="#ffffff" text-anchor="middle">${esc(p.county)}</text>
  <text x="620" y="420" font-family="Noto Sans CJK SC, sans-serif" font-size="64" font-weight="bold" fill="#1f1f1f" text-anchor="middle">${esc(p.title)}</text>
  <text x="620" y="500" font-family="Noto Sans CJK SC, sans-serif" font-size="40" fill="#434343" text-anchor="middle">${esc(p.subtitle)}</text>
  ${qrInner}
  <text x="620" y="1380" font-family="Noto Sans CJK SC, sans-serif" font-size="52" fill="#1f1f1f" text-anchor="middle">微信扫一扫，反映问题、提出建议</text>
  <text x="620" y="1460" font-family="Noto Sans CJK SC, sans-serif" font-size="38" fill="#595959" text-anchor="middle">可凭查询码查看办理进度，办结后请您评价</text>
  <text x="620" y="1660" font-family="Noto Sans CJK SC, sans-serif" font-size="28" fill="#8c8c8c" text-anchor="middle">${esc(p.url)}</text>
</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

export async function pngToA4Pdf(png: Buffer): Promise<Buffer> {
  // Loaded on first use, like exceljs (platform/excel.ts): only the PDF poster needs it.
  const { default: PDFDocument } = await import('pdfkit');
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 0, info: { Title: '码上议二维码海报' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.image(png, 0, 0, { width: doc.page.width, height: doc.page.height });
    doc.end();
  });
}

export const posterRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app;
  const tags = ['码上议'];

  async function venueTarget(req: FastifyRequest, id: number) {
    const tenantId = authOf(req).tenantId;
    const v = await db.selectFrom('venues as v').innerJoin('orgs as c', 'c.id', 'v.tenant_id').leftJoin('orgs as t', 't.id', 'v.township_id')
      .select(['v.id', 'v.name', 'v.kind', 'v.theme', 'c.name as county', 't.name as township']).where('v.id', '=', id).where('v.tenant_id', '=', tenantId).executeTakeFirst();
    if (!v) throw notFound('履职阵地');
    return { url: reportUrl(req, tenantId, { venueId: v.id }), county: v.county, title: v.name,
      subtitle: [VENUE_KIND_LABELS[v.kind], v.township, v.theme ? `主题：${v.theme}` : null].filter(Boolean).join(' · ') };
  }
  async function memberTarget(req: FastifyRequest, id: number) {
    const tenantId = authOf(req).tenantId;
    const m = await db.selectFrom('members as m').innerJoin('orgs as c', 'c.id', 'm.tenant_id').leftJoin('orgs as t', 't.id', 'm.township_id')
      .select(['m.id', 'm.name', 'c.name as county', 't.name as township']).where('m.id', '=', id).where('m.tenant_id', '=', tenantId).executeTakeFirst();
    if (!m) throw notFound('委员');
    return { url: reportUrl(req, tenantId, { memberId: m.id }), county: m.county, title: `${m.name}委员工作室`, subtitle: [m.township, '政协委员联系群众'].filter(Boolean).join(' · ') };
  }

  for (const [path, entity, target] of [['/orgs/venues', 'venues', venueTarget], ['/members', 'members', memberTarget]] as const) {
    app.get(`${path}/:id/qr.png`, {
      schema: { tags, summary: '二维码图片（扫码打开已预填的反映问题页面）', params: QrParams },
      config: { permission: 'org.read', entity },
    }, async (req, reply) => {
      const t = await target(req, req.params.id);
      return reply.type('image/png').send(await QRCode.toBuffer(t.url, { width: 600, margin: 2, errorCorrectionLevel: 'M' }));
    });
    app.get(`${path}/:id/poster.:format`, {
      schema: { tags, summary: '可打印的 A4 二维码海报（png 或 pdf）', params: Params },
      config: { permission: 'org.read', entity },
    }, async (req, reply) => {
      const t = await target(req, req.params.id);
      const png = await posterPng(t);
      const name = encodeURIComponent(`${t.title}-码上议海报.${req.params.format}`);
      if (req.params.format === 'png') return reply.type('image/png').header('content-disposition', `inline; filename*=UTF-8''${name}`).send(png);
      return reply.type('application/pdf').header('content-disposition', `attachment; filename*=UTF-8''${name}`).send(await pngToA4Pdf(png));
    });
  }
};
