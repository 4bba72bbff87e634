/** A worker of the search benchmark's generator: makes rows [from, to) and their search tokens with the real searchTokens(). */
import { parentPort, workerData } from 'node:worker_threads';
import { createHash } from 'node:crypto';
import { searchTokens } from '../../server/src/platform/search/segment.ts';
import { reportMaker, rng } from './corpus.ts';

interface Job { wid: number; workers: number; chunk: number; total: number; townships: { id: number; name: string; villages: { id: number; name: string }[] }[];
  units: number[]; startMs: number; spanMs: number; batch: number }
const job = workerData as Job;
const OPEN = ['submitted', 'submitted', 'submitted', 'needs_info', 'accepted', 'accepted', 'forwarded', 'forwarded', 'forwarded', 'returned', 'replied', 'replied'];
const OLD = [...Array(60).fill('closed'), ...Array(15).fill('resolved'), ...Array(12).fill('declined'), ...Array(8).fill('merged'), ...Array(5).fill('converted')];
const ALPH = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const perDay = new Map<string, number>();
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

let rows: unknown[][] = [];
let tokenMs = 0;
// Chunks wid, wid + workers, wid + 2·workers…: the main thread inserts chunks in order, so ids follow time.
const make = reportMaker(1_000_003 * (job.wid + 1));
const r = rng(job.wid * 7919 + 17);
for (let c = job.wid; c * job.chunk < job.total; c += job.workers) {
  const end = Math.min(job.total, (c + 1) * job.chunk);
  for (let i = c * job.chunk; i < end; i++) {
    const t = job.townships[Math.floor(r() ** 1.3 * job.townships.length)];
    const rep = make(t.name);
    const village = t.villages.length && r() < 0.2 ? t.villages[Math.floor(r() * t.villages.length)] : null;
    const at = new Date(job.startMs + Math.floor((i / job.total) * job.spanMs));
    const age = 1 - i / job.total; // 0 = newest
    const state = age < 0.03 ? OPEN[Math.floor(r() * OPEN.length)] : r() < 0.01 ? OPEN[Math.floor(r() * OPEN.length)] : OLD[Math.floor(r() * OLD.length)];
    const iso = at.toISOString();
    const day = new Date(at.getTime() + 8 * 3600_000).toISOString();
    const date = `${day.slice(2, 4)}${day.slice(5, 7)}${day.slice(8, 10)}`;
    // Unique: the worker's digit (0/1: never in codes the app or the demo make) and the worker's running number of the day.
    const k = perDay.get(date) ?? 0;
    perDay.set(date, k + 1);
    let n = k;
    let tail = String(job.wid);
    for (let d = 0; d < 3; d++) { tail += ALPH[n % 32]; n = Math.floor(n / 32); }
    if (k >= 32 ** 3) throw new Error('too many rows per day for the code scheme');
    const code = date + tail;
    const t0 = performance.now();
    const tokens = [searchTokens(`${rep.text} ${rep.place ?? ''}`), searchTokens(t.name), village ? searchTokens(village.name) : ''].filter(Boolean).join(' ');
    tokenMs += performance.now() - t0;
    const forwarded = ['forwarded', 'returned', 'replied', 'resolved', 'closed'].includes(state);
    const phone = r() < 0.3 ? String(13_000_000_000 + Math.floor(r() * 999_999_999)) : null;
    rows.push([
      2, code, sha(code), r() < 0.9 ? 'problem' : 'suggestion', rep.category, ['h5', 'h5', 'qr_venue', 'qr_member', 'wechat'][Math.floor(r() * 5)],
      rep.text, t.id, village?.id ?? null, rep.place, phone ? '张先生' : null, phone, phone ? iso : null, state, 1,
      state === 'closed' || state === 'declined' ? null : new Date(at.getTime() + 5 * 86_400_000).toISOString(),
      forwarded ? job.units[Math.floor(r() * job.units.length)] : null,
      ['replied', 'resolved', 'closed'].includes(state) ? '经核实，已安排相关人员处理完毕。' : null,
      state === 'closed' ? ['satisfied', 'satisfied', 'basically', 'unsatisfied'][Math.floor(r() * 4)] : null,
      tokens, sha(`${t.id}|${rep.text}`), iso,
      state !== 'submitted' && state !== 'needs_info' ? iso : null,
      forwarded ? iso : null,
      state === 'resolved' || state === 'closed' ? iso : null,
      state === 'closed' ? iso : null,
    ]);
  }
  parentPort!.postMessage({ chunk: c, rows, tokenMs });
  rows = [];
  tokenMs = 0;
}
parentPort!.postMessage({ chunk: -1, rows: [], tokenMs: 0, done: true });
