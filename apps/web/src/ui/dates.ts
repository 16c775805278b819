/** Dates on screen: dd/mm/yyyy through the domain's formatters (`formatDateVi`, `formatDateTimeVi`),
 * never by hand. */
import { formatDateVi } from '@chiso/domain';
import type { Dayjs } from 'dayjs';

/** The display format of antd date pickers (dayjs tokens): dd/mm/yyyy, as `formatDateVi`. */
export const PICKER_DATE_FORMAT = 'DD/MM/YYYY';

/** dd/mm/yyyy, or "—" when there is no date. */
export const dateOrDash = (iso: string | null | undefined) => (iso ? formatDateVi(iso) : '—');

/** The yyyy-mm-dd the API takes, from a picked day. */
export const isoDate = (d: Dayjs) => d.format('YYYY-MM-DD');
