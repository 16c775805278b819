/** Report requests (/reports) and periodic reports (/reports/series/:id, the matrix unit × period): those the user's units asked or are asked, with due dates and how many
 * units have sent; one request (/reports/:id): the matrix for its requester and receiver, a unit's
 * report (?unit=…) to fill, approve, send and download. */
import { useParams, useSearchParams } from 'react-router';
import type { Session } from '../../api/auth.ts';
import { RequestList } from './RequestList.tsx';
import { RequestView } from './RequestView.tsx';
import { SeriesView } from './SeriesView.tsx';
import { UnitReport } from './UnitReport.tsx';

export default function Reports({ session }: { session: Session }) {
  const { id, seriesId } = useParams();
  if (seriesId) return <SeriesView id={seriesId} />;
  const [params] = useSearchParams();
  const unit = params.get('unit');
  if (id && unit) return <UnitReport id={id} unitId={unit} />;
  return id ? <RequestView id={id} /> : <RequestList session={session} />;
}
