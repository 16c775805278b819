/** Band labels as the sources write them. The only source text for the bottom police band (seed 001,
 * §8) writes "chưa hoàn thành nhiệm vụ"; users also type "không hoàn thành nhiệm vụ": both name the
 * same band. Where a class is typed by a user (the bands of a framework workbook), it is matched by
 * this key; the shipped frameworks carry the source's wording. */
import { searchKey } from '../text.ts';

/** The key two band labels share when they name the same band. */
export function bandKey(label: string): string {
  return searchKey(label)
    .replace(/[.;:]+$/, '')
    .replace(/^khong hoan thanh\b/, 'chua hoan thanh');
}

/** Bands whose code the workbook may leave empty: the code of the shipped frameworks is taken. */
export const KNOWN_BANDS: readonly { code: string; label: string }[] = [
  { code: 'XUAT_SAC', label: 'Xuất sắc' },
  { code: 'TOT', label: 'Tốt' },
  { code: 'KHA', label: 'Khá' },
  { code: 'TRUNG_BINH', label: 'Trung bình' },
  { code: 'YEU', label: 'Yếu' },
  { code: 'HOAN_THANH', label: 'Hoàn thành nhiệm vụ' },
  { code: 'KHONG_HOAN_THANH', label: 'Chưa hoàn thành nhiệm vụ' },
];

/** The band of `bands` a typed class names (by label, either wording, or by code). */
export function findBand<B extends { code: string; label: string }>(
  bands: readonly B[],
  typed: string,
): B | undefined {
  const k = bandKey(typed);
  const code = searchKey(typed);
  return bands.find((b) => bandKey(b.label) === k) ?? bands.find((b) => searchKey(b.code) === code);
}
