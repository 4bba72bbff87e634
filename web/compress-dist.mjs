// Pre-compress the built assets (gzip and brotli, maximum level) so the server sends them compressed
// without spending CPU per request (@fastify/static preCompressed). Phones on slow links gain most.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const dist = path.join(import.meta.dirname, 'dist');
const TYPES = /\.(js|css|html|svg|json|txt)$/;
let raw = 0;
let br = 0;
for (const entry of fs.readdirSync(dist, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !TYPES.test(entry.name)) continue;
  const file = path.join(entry.parentPath, entry.name);
  const data = fs.readFileSync(file);
  if (data.length < 1024) continue;
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(data, { level: 9 }));
  const b = zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } });
  fs.writeFileSync(`${file}.br`, b);
  raw += data.length;
  br += b.length;
}
console.log(`compressed web/dist: ${(raw / 1024).toFixed(0)} KB → ${(br / 1024).toFixed(0)} KB (brotli)`);
