/**
 * Demo handout and writeup files, generated from strings.
 *
 * Why: the sandbox is bundled into the app by esbuild and cannot read asset files at run time
 * (issue 3); handout/writeup downloads still need real bytes (autolab-api.md §4.7).
 */

/** A starter C file for the Data Lab handout. */
export function demoHandoutC(): string {
  return `/*
 * bits.c - Data Lab starter (Autolab sandbox demo handout)
 *
 * Sandbox autograder rule: a line "SCORE <Problem> <n>" sets a score; "FAIL" scores 0;
 * "TODO" scores half; anything else scores full marks.
 */

/* bitAnd - x & y using only ~ and | */
int bitAnd(int x, int y) {
  /* TODO */
  return 0;
}
`;
}

/** A plain-text writeup. */
export function demoWriteupText(title: string): string {
  return `${title}\n${'='.repeat(title.length)}\n\nThis is a demo writeup served by the Autolab sandbox.\nSubmit a text file; see the sandbox README for the autograder rule.\n`;
}

/** A minimal one-page PDF saying this is the demo writeup (latin1 string). */
export function demoWriteupPdf(): string {
  const text = 'Autolab sandbox demo writeup';
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return out;
}
