/** Plans as records (issue #16 item 1): the kinds of documents that order work, and where a unit asked
 * to send an implementing plan stands. Pure. */

export const PLAN_KINDS = ['ke_hoach', 'chi_thi', 'cong_van', 'quyet_dinh'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];

export const PLAN_KIND_LABELS: Record<PlanKind, string> = {
  ke_hoach: 'Kế hoạch',
  chi_thi: 'Chỉ thị',
  cong_van: 'Công văn',
  quyet_dinh: 'Quyết định',
};

/** A unit asked to send its plan: sent (a plan it issued implements the plan), missing
 * (the due day passed, included), or not due yet. */
export const ASKED_STATES = ['sent', 'missing', 'waiting'] as const;
export type AskedState = (typeof ASKED_STATES)[number];

export const ASKED_STATE_LABELS: Record<AskedState, string> = {
  sent: 'Đã gửi kế hoạch',
  missing: 'Chưa gửi (quá hạn)',
  waiting: 'Chưa gửi',
};

export function askedState(sent: boolean, dueOn: string | null, today: string): AskedState {
  if (sent) return 'sent';
  return dueOn !== null && today > dueOn ? 'missing' : 'waiting';
}

/** The text of a plan or công văn as it prints: headings ("I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích"),
 * paragraphs and bullet lists, in order. */
export type PlanBlock =
  | { kind: 'heading'; level: 1 | 2; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'bullets'; items: string[] }
  | { kind: 'table'; header: string[]; rows: string[][] };

const cellsOf = (line: string) =>
  line
    .replace(/^\|/u, '')
    .replace(/\|$/u, '')
    .split('|')
    .map((c) => c.trim());

/** Read typed text into blocks: a line "I. …" (Roman numeral) is a heading of level 1, a short "1. …"
 * or "1.1. …" not ending a sentence of level 2 (a numbered paragraph of a công văn stays a paragraph), lines starting "- " or "+ " are bullets (consecutive ones form one list),
 * lines "| a | b |" a table (the first such line its header), other lines paragraphs; blank lines
 * separate. */
export function blocksFromText(text: string): PlanBlock[] {
  const out: PlanBlock[] = [];
  for (const raw of text.split(/\r?\n/u)) {
    const line = raw.trim();
    if (!line) continue;
    const bullet = /^[-+•]\s+(.*)$/u.exec(line);
    if (line.startsWith('|')) {
      const last = out[out.length - 1];
      if (last?.kind === 'table') last.rows.push(cellsOf(line));
      else out.push({ kind: 'table', header: cellsOf(line), rows: [] });
    } else if (bullet) {
      const last = out[out.length - 1];
      if (last?.kind === 'bullets') last.items.push(bullet[1]!.trim());
      else out.push({ kind: 'bullets', items: [bullet[1]!.trim()] });
    } else if (/^[IVXLC]+\.\s/u.test(line)) out.push({ kind: 'heading', level: 1, text: line });
    else if (/^\d+(\.\d+)*\.\s/u.test(line) && line.length <= 120 && !/[.;]$/u.test(line))
      out.push({ kind: 'heading', level: 2, text: line });
    else out.push({ kind: 'paragraph', text: line });
  }
  return out;
}

/** Blocks back to the text they were read from (the inverse of blocksFromText on its output). */
export function textFromBlocks(blocks: readonly PlanBlock[]): string {
  return blocks
    .map((b) =>
      b.kind === 'bullets'
        ? b.items.map((i) => `- ${i}`).join('\n')
        : b.kind === 'table'
          ? [b.header, ...b.rows].map((r) => `| ${r.join(' | ')} |`).join('\n')
          : b.text,
    )
    .join('\n\n');
}
