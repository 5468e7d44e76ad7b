// xlsx.mjs — just enough of an XLSX reader to check what the server wrote:
// the ZIP's central directory, each part inflated with node:zlib, the first
// worksheet's cells with the shared strings and the number format of each
// cell's style. No dependency: the workbook is libxlsxwriter's, so its XML
// is regular enough for small regular expressions.
import { inflateRawSync } from 'node:zlib';

// Every file of a ZIP archive by name, as Buffers.
export function unzip(buf) {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new Error('zip: no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const files = {};
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('zip: bad central directory');
    const method = buf.readUInt16LE(p + 10);
    const csize = buf.readUInt32LE(p + 20);
    const usize = buf.readUInt32LE(p + 24);
    const nlen = buf.readUInt16LE(p + 28), xlen = buf.readUInt16LE(p + 30),
      clen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nlen).toString('utf8');
    if (buf.readUInt32LE(local) !== 0x04034b50) throw new Error(`zip: bad local header of ${name}`);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + csize);
    let data;
    if (method === 0) data = raw;
    else if (method === 8) data = inflateRawSync(raw);
    else throw new Error(`zip: ${name}: method ${method}`);
    if (data.length !== usize) throw new Error(`zip: ${name}: ${data.length} bytes, not ${usize}`);
    files[name] = data;
    p += 46 + nlen + xlen + clen;
  }
  return files;
}

function unescapeXml(s) {
  return s.replace(/&(lt|gt|amp|quot|apos|#(\d+)|#x([0-9a-fA-F]+));/g, (m, e, d, h) => {
    if (d) return String.fromCodePoint(Number(d));
    if (h) return String.fromCodePoint(parseInt(h, 16));
    return { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[e];
  });
}

function attr(tag, name) {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unescapeXml(m[1]) : undefined;
}

// "C" -> 2
function column(ref) {
  let n = 0;
  for (const ch of /^[A-Z]+/.exec(ref)[0]) n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
}

// The number format of each style index (cellXfs), by format code.
function formats(stylesXml) {
  const builtin = { 0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00' };
  const custom = {};
  for (const m of stylesXml.matchAll(/<numFmt\s[^>]*>/g))
    custom[attr(m[0], 'numFmtId')] = attr(m[0], 'formatCode');
  const xfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(stylesXml);
  if (!xfs) return [];
  return [...xfs[1].matchAll(/<xf\s[^>]*>/g)].map((m) => {
    const id = attr(m[0], 'numFmtId') || '0';
    return custom[id] ?? builtin[id] ?? `#${id}`;
  });
}

// The first worksheet: { name, rows } where rows[r][c] is
// { value: string | number, format: string, bold: boolean } or undefined.
export function readXlsx(buf) {
  const files = unzip(buf);
  const text = (name) => {
    if (!files[name]) throw new Error(`xlsx: no ${name}`);
    return files[name].toString('utf8');
  };
  const strings = [];
  if (files['xl/sharedStrings.xml']) {
    for (const si of text('xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g))
      strings.push([...si[1].matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)]
        .map((t) => unescapeXml(t[1])).join(''));
  }
  const styles = text('xl/styles.xml');
  const fmt = formats(styles);
  const fonts = [...(/<fonts[^>]*>([\s\S]*?)<\/fonts>/.exec(styles)?.[1] ?? '')
    .matchAll(/<font>([\s\S]*?)<\/font>|<font\/>/g)].map((m) => /<b\/>/.test(m[1] ?? ''));
  const xfFonts = [...(/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '')
    .matchAll(/<xf\s[^>]*>/g)].map((m) => Number(attr(m[0], 'fontId') || 0));
  const sheet = /<sheet\s[^>]*>/.exec(text('xl/workbook.xml'))[0];
  const rows = [];
  const xml = text('xl/worksheets/sheet1.xml');
  for (const row of xml.matchAll(/<row\s([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const r = Number(attr(' ' + row[1], 'r')) - 1;
    const cells = [];
    for (const c of (row[2] ?? '').matchAll(/<c\s([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const tag = ' ' + c[1];
      const ref = attr(tag, 'r'), type = attr(tag, 't'), s = Number(attr(tag, 's') || 0);
      const v = /<v>([\s\S]*?)<\/v>/.exec(c[2] ?? '');
      const inline = /<is>([\s\S]*?)<\/is>/.exec(c[2] ?? '');
      if (/<f[\s>]/.test(c[2] ?? '')) throw new Error(`xlsx: ${ref} is a formula`);
      let value;
      if (type === 's') value = strings[Number(v[1])];
      else if (type === 'inlineStr') value = unescapeXml(inline[1].replace(/<[^>]+>/g, ''));
      else if (type === 'str') value = unescapeXml(v[1]);
      else if (v) value = Number(v[1]);
      else continue; // a blank cell with only a style
      cells[column(ref)] = { value, format: fmt[s] ?? 'General', bold: fonts[xfFonts[s]] ?? false };
    }
    rows[r] = cells;
  }
  return { name: attr(sheet, 'name'), rows };
}
