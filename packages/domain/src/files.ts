/** What a file is, judged by its content, not its name. Pure (bytes in, verdict out). */
import { forbiddenCharIn, isoDateProblem, LIMITS, quoteInput, textProblem } from './limits.ts';

export interface FileKind {
  mime: string;
  /** Short Vietnamese name of the kind. */
  label: string;
  /** Shown in a browser (PDF, images). */
  previewable: boolean;
}

const KINDS = {
  pdf: { mime: 'application/pdf', label: 'PDF', previewable: true },
  png: { mime: 'image/png', label: 'ảnh PNG', previewable: true },
  jpeg: { mime: 'image/jpeg', label: 'ảnh JPEG', previewable: true },
  docx: {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    label: 'Word',
    previewable: false,
  },
  xlsx: {
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    label: 'Excel',
    previewable: false,
  },
  ole: { mime: 'application/x-ole-storage', label: 'Word/Excel (định dạng cũ)', previewable: false },
} satisfies Record<string, FileKind>;

function startsWith(b: Uint8Array, sig: number[], at = 0): boolean {
  if (b.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (b[at + i] !== sig[i]) return false;
  return true;
}

function contains(b: Uint8Array, text: string): boolean {
  const s = Array.from(text, (c) => c.charCodeAt(0));
  outer: for (let i = 0; i + s.length <= b.length; i++) {
    for (let j = 0; j < s.length; j++) if (b[i + j] !== s[j]) continue outer;
    return true;
  }
  return false;
}

/** Why a file name sent with an upload is refused (Vietnamese), or null: empty, too long, a path
 * ("/", "\\", ".."), or control and bidirectional characters (U+202E shows "gpj.exe" as "exe.jpg"). */
export function fileNameProblem(name: string): string | null {
  const bad = forbiddenCharIn(name);
  if (bad)
    return `Tên tệp ${quoteInput(name)} chứa ký tự không được phép (${bad}: ký tự điều khiển hoặc ký tự đảo chiều văn bản).`;
  if (!name.trim()) return 'Tệp chưa có tên.';
  if (name.length > LIMITS.fileName) return `Tên tệp quá dài (tối đa ${LIMITS.fileName} ký tự).`;
  if (/[/\\]/.test(name) || name.includes('..'))
    return `Tên tệp ${quoteInput(name)} không hợp lệ (không được chứa “/”, “\\” hay “..”).`;
  return null;
}

/** Why the description of an evidence document is refused (Vietnamese), or null: the same length and
 * character rules as every other text, and a real issue date. */
export function evidenceMetaProblem(meta: {
  numberSymbol: string;
  issuedOn: string;
  issuer: string;
  summary: string;
}): string | null {
  const date = meta.issuedOn ? isoDateProblem(meta.issuedOn) : null;
  return (
    textProblem(meta.numberSymbol, { label: 'Số, ký hiệu văn bản', max: LIMITS.documentNumber }) ??
    textProblem(meta.issuer, { label: 'Cơ quan ban hành', max: LIMITS.issuer }) ??
    textProblem(meta.summary, { label: 'Trích yếu', max: LIMITS.summary, multiline: true }) ??
    (date ? `Ngày ban hành: ${date}` : null)
  );
}

export type SniffResult = { kind: FileKind; error?: undefined } | { kind?: undefined; error: string };

/** Accepts PDF, Word, Excel (current and legacy) and PNG/JPEG images; refuses everything else,
 * including an executable renamed to .pdf, and names with path characters. */
export function checkUpload(name: string, bytes: Uint8Array, maxBytes: number): SniffResult {
  const problem = fileNameProblem(name);
  if (problem) return { error: problem };
  if (bytes.length === 0) return { error: 'Tệp rỗng.' };
  if (bytes.length > maxBytes)
    return { error: `Tệp lớn hơn giới hạn ${Math.floor(maxBytes / 1024 / 1024)} MB.` };
  if (startsWith(bytes, [0x4d, 0x5a]) || startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46]))
    return { error: 'Tệp là chương trình chạy được (không phải tài liệu); không được tải lên.' };
  let kind: FileKind | undefined;
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) kind = KINDS.pdf;
  else if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) kind = KINDS.png;
  else if (startsWith(bytes, [0xff, 0xd8, 0xff])) kind = KINDS.jpeg;
  else if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) kind = KINDS.ole;
  else if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    if (contains(bytes, 'word/')) kind = KINDS.docx;
    else if (contains(bytes, 'xl/')) kind = KINDS.xlsx;
  }
  if (!kind)
    return {
      error:
        'Chỉ nhận tài liệu PDF, Word, Excel hoặc ảnh (PNG, JPEG); nội dung tệp này không thuộc loại nào.',
    };
  const ext = name.toLowerCase().split('.').pop() ?? '';
  const expected: Record<string, string[]> = {
    'application/pdf': ['pdf'],
    'image/png': ['png'],
    'image/jpeg': ['jpg', 'jpeg'],
    [KINDS.docx.mime]: ['docx'],
    [KINDS.xlsx.mime]: ['xlsx'],
    [KINDS.ole.mime]: ['doc', 'xls'],
  };
  if (!expected[kind.mime]!.includes(ext))
    return { error: `Tên tệp có đuôi ".${ext}" nhưng nội dung là ${kind.label}; hãy đặt đúng đuôi tệp.` };
  return { kind };
}
