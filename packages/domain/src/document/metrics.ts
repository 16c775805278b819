/**
 * Widths of printed lines in Times New Roman (Tinos has the same metrics), from the standard font
 * metrics of Times-Roman and Times-Bold (thousandths of an em). Used to size the header cells so
 * that no issuing-body line wraps. An estimate on the safe side: letters with diacritics count as
 * their base letter, Ư and Ơ a little wider. Pure.
 */

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const PUNCT = ' -,.&()/:;';
const table = (letters: number[], punct: number[]): Record<string, number> =>
  Object.fromEntries([
    ...[...LETTERS].map((c, i) => [c, letters[i]!]),
    ...[...PUNCT].map((c, i) => [c, punct[i]!]),
  ]);
const ROMAN = table(
  [
    722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722,
    722, 944, 722, 722, 611,
  ],
  [250, 333, 250, 250, 778, 333, 333, 278, 278, 278],
);
const BOLD = table(
  [
    722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722, 556, 667, 722,
    722, 1000, 722, 722, 667,
  ],
  [250, 333, 250, 250, 833, 333, 333, 278, 333, 333],
);
const DIGIT = 500;
/** Lower-case letters and anything else: a generous average. */
const OTHER = { roman: 500, bold: 556 };

/** Width in points of `text` printed at `size` points. */
export function textWidthPt(text: string, size: number, bold = false): number {
  const table = bold ? BOLD : ROMAN;
  let units = 0;
  for (const ch of text.normalize('NFC')) {
    const base = ch.normalize('NFD')[0] ?? ch;
    const b = base === 'Đ' ? 'D' : base;
    let w: number;
    if (/[0-9]/u.test(b)) w = DIGIT;
    else w = table[b] ?? (bold ? OTHER.bold : OTHER.roman);
    if (ch === 'Ư' || ch === 'Ơ' || ch === 'Ứ' || ch === 'Ừ' || ch === 'Ử' || ch === 'Ữ' || ch === 'Ự')
      w += 80;
    if (/[ỚỜỞỠỢ]/u.test(ch)) w += 80;
    units += w;
  }
  return (units * size) / 1000;
}

/** Points → millimetres. */
export const ptToMm = (pt: number) => (pt * 25.4) / 72;
