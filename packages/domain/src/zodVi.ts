/** Vietnamese messages for zod's validation issues. zod's own locale for Vietnamese leaves type names
 * in English ("mong đợi string"), so every issue kind is worded here; a message written on a schema
 * ("Cần nhập lý do") still wins. The server sets this as zod's global error map (contracts) and the
 * domain passes it to its own parses. Pure. */
import { quoteInput } from './limits.ts';

const TYPES: Record<string, string> = {
  string: 'một chuỗi ký tự',
  number: 'một số',
  int: 'một số nguyên',
  bigint: 'một số nguyên',
  boolean: 'giá trị đúng/sai (true hoặc false)',
  object: 'một đối tượng { … }',
  array: 'một danh sách [ … ]',
  date: 'một ngày',
  null: 'giá trị rỗng (null)',
  record: 'một đối tượng { … }',
  map: 'một đối tượng { … }',
  tuple: 'một danh sách [ … ]',
  literal: 'một giá trị xác định',
  enum: 'một giá trị trong danh mục',
  union: 'một giá trị hợp lệ',
};

const FORMATS: Record<string, string> = {
  uuid: 'Mã định danh không hợp lệ (cần dạng UUID).',
  guid: 'Mã định danh không hợp lệ (cần dạng UUID).',
  email: 'Địa chỉ thư điện tử không hợp lệ.',
  url: 'Địa chỉ web không hợp lệ.',
  date: 'Ngày phải có dạng yyyy-mm-dd.',
  datetime: 'Thời điểm phải có dạng ISO 8601 (yyyy-mm-ddThh:mm:ssZ).',
  regex: 'Giá trị không đúng định dạng quy định.',
  starts_with: 'Giá trị không đúng định dạng quy định.',
  ends_with: 'Giá trị không đúng định dạng quy định.',
  includes: 'Giá trị không đúng định dạng quy định.',
};

const GOT = (input: unknown): string => {
  if (input === undefined) return '';
  if (input === null) return ' (nhận được null)';
  if (Array.isArray(input)) return ' (nhận được một danh sách)';
  switch (typeof input) {
    case 'string':
      return ' (nhận được một chuỗi ký tự)';
    case 'number':
      return ' (nhận được một số)';
    case 'boolean':
      return ' (nhận được giá trị đúng/sai)';
    case 'object':
      return ' (nhận được một đối tượng)';
    default:
      return '';
  }
};

const SAFE_INT = 'Số vượt giới hạn số nguyên an toàn (±9 007 199 254 740 991).';

const num = (v: unknown) => (typeof v === 'bigint' ? v.toString() : String(v));

/** The Vietnamese message of one zod issue (the raw issue zod hands to an error map). */
export function zodMessageVi(issue: { code?: string | undefined } & object): string {
  const i = issue as Record<string, unknown>;
  switch (i.code) {
    case 'invalid_type': {
      if (i.input === undefined) return 'Thiếu giá trị bắt buộc.';
      const expected = String(i.expected ?? '');
      if (typeof i.input === 'number' && !Number.isFinite(i.input)) return 'Số vượt quá giới hạn cho phép.';
      if (
        (expected === 'int' || expected === 'number') &&
        typeof i.input === 'number' &&
        Number.isFinite(i.input)
      )
        return Number.isInteger(i.input) ? SAFE_INT : 'Cần một số nguyên.';
      return `Cần ${TYPES[expected] ?? 'một giá trị khác'}${GOT(i.input)}.`;
    }
    case 'too_big': {
      const max = num(i.maximum);
      const strict = i.inclusive === false;
      switch (i.origin) {
        case 'string':
          return `Quá dài (tối đa ${strict ? `dưới ${max}` : max} ký tự).`;
        case 'array':
        case 'set':
          return `Quá nhiều phần tử (tối đa ${max}).`;
        case 'file':
          return `Tệp quá lớn (tối đa ${max} byte).`;
        default:
          if (i.maximum === Number.MAX_SAFE_INTEGER) return SAFE_INT;
          return strict ? `Phải nhỏ hơn ${max}.` : `Không được lớn hơn ${max}.`;
      }
    }
    case 'too_small': {
      const min = num(i.minimum);
      const strict = i.inclusive === false;
      switch (i.origin) {
        case 'string':
          return min === '1' && !strict ? 'Không được để trống.' : `Quá ngắn (tối thiểu ${min} ký tự).`;
        case 'array':
        case 'set':
          return `Cần ít nhất ${min} phần tử.`;
        default:
          if (i.minimum === Number.MIN_SAFE_INTEGER) return SAFE_INT;
          return strict ? `Phải lớn hơn ${min}.` : `Không được nhỏ hơn ${min}.`;
      }
    }
    case 'invalid_format':
      return FORMATS[String(i.format)] ?? 'Giá trị không đúng định dạng quy định.';
    case 'not_multiple_of':
      return `Phải là bội số của ${num(i.divisor)}.`;
    case 'unrecognized_keys': {
      const keys = Array.isArray(i.keys) ? (i.keys as unknown[]) : [];
      const shown = keys
        .slice(0, 5)
        .map((k) => quoteInput(String(k)))
        .join(', ');
      return `Trường không được chấp nhận: ${shown}${keys.length > 5 ? ', …' : ''}.`;
    }
    case 'invalid_union':
      return 'Giá trị không khớp với dạng nào được chấp nhận.';
    case 'invalid_key':
      return 'Khóa không hợp lệ.';
    case 'invalid_element':
      return 'Phần tử không hợp lệ.';
    case 'invalid_value': {
      const values = Array.isArray(i.values) ? (i.values as unknown[]) : [];
      if (values.length === 1) return `Cần giá trị ${quoteInput(String(values[0]))}.`;
      const shown = values
        .slice(0, 12)
        .map((v) => quoteInput(String(v)))
        .join(', ');
      return `Cần một trong các giá trị: ${shown}${values.length > 12 ? ', …' : ''}.`;
    }
    default:
      return 'Giá trị không hợp lệ.';
  }
}
