/** The survey area: campaigns (/surveys, /surveys/:id) and form versions (/surveys/forms,
 * /surveys/forms/:id). */
import { useLocation, useParams } from 'react-router';
import type { Session } from '../../api/auth.ts';
import { CampaignList } from './CampaignList.tsx';
import { CampaignView } from './CampaignView.tsx';
import { FormList } from './FormList.tsx';
import { FormView } from './FormView.tsx';

export default function Surveys({ session }: { session: Session }) {
  const { id } = useParams();
  const forms = useLocation().pathname.startsWith('/surveys/forms');
  if (forms) return id ? <FormView id={id} session={session} /> : <FormList session={session} />;
  return id ? <CampaignView id={id} session={session} /> : <CampaignList session={session} />;
}
