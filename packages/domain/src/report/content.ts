/** What a unit types in a report, for every kind of report request: text per section of the
 * request's outline, and numbers keyed by what they count (Mẫu 01: the forms issued per unit ×
 * field). Issue #16's periodic and ad hoc requests fill sections of their own outline the same way. */

export interface ReportSection {
  code: string;
  title: string;
  /** What the section should cover (seed 000's outline: the points under each heading). */
  guide?: string;
}

/** The sections a unit fills in Mẫu 01 and Mẫu 02 (seed 002: "đánh giá, nhận xét", "kiến nghị, đề xuất"). */
export const SURVEY_REPORT_OUTLINE: ReportSection[] = [
  { code: 'assessment', title: 'Đánh giá, nhận xét' },
  { code: 'proposals', title: 'Kiến nghị, đề xuất' },
];

export interface ReportContent {
  sections: Record<string, string>;
  figures: Record<string, number>;
}

export const EMPTY_CONTENT: ReportContent = { sections: {}, figures: {} };

/** The key of "phát ra" (forms issued) of a unit × field. */
export const issuedKey = (unitId: string, fieldCode: string) => `issued:${unitId}:${fieldCode}`;

/** Stored content read back (anything missing or of the wrong type is left out). */
export function readContent(raw: unknown): ReportContent {
  const o = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const pick = <T>(v: unknown, ok: (x: unknown) => x is T): Record<string, T> =>
    Object.fromEntries(
      Object.entries(v && typeof v === 'object' ? (v as Record<string, unknown>) : {}).filter(([, x]) =>
        ok(x),
      ),
    ) as Record<string, T>;
  return {
    sections: pick(o.sections, (x): x is string => typeof x === 'string'),
    figures: pick(o.figures, (x): x is number => typeof x === 'number' && Number.isSafeInteger(x)),
  };
}

/** Problems of typed content against the outline and the figures allowed (Vietnamese), or none. */
export function contentProblems(
  c: ReportContent,
  outline: readonly ReportSection[],
  figureKeys: ReadonlySet<string>,
): string[] {
  const out: string[] = [];
  const codes = new Set(outline.map((s) => s.code));
  for (const k of Object.keys(c.sections))
    if (!codes.has(k)) out.push(`Mục "${k}" không có trong đề cương của yêu cầu báo cáo.`);
  for (const [k, v] of Object.entries(c.figures)) {
    if (!figureKeys.has(k)) out.push(`Số liệu "${k}" không thuộc báo cáo này.`);
    else if (v < 0) out.push('Số liệu không được âm.');
  }
  return out;
}
