import type { FarmResponse } from './routes.ts';
import { toLatin1Safe } from './text.ts';

/**
 * A small but valid PDF (one page, Helvetica, WinAnsi text, correct xref offsets) with the given
 * lines, so that PDF readers and content sniffers accept it.
 */
export function pdfBytes(title: string, lines: readonly string[]): Buffer {
  const text = [title, '', ...lines]
    .map(
      (line, index) =>
        `BT /F1 ${index === 0 ? 16 : 11} Tf 56 ${780 - index * 18} Td (${pdfString(line)}) Tj ET`,
    )
    .join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
    `<< /Title (${pdfString(title)}) /Producer (Baromètre fixture farm) >>`,
  ];
  let body = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xrefOffset = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

export function pdfResponse(title: string, lines: readonly string[]): FarmResponse {
  return { status: 200, headers: { 'content-type': 'application/pdf' }, body: [pdfBytes(title, lines)] };
}

function pdfString(text: string): string {
  return toLatin1Safe(text).replace(/[\\()]/g, (char) => `\\${char}`);
}
