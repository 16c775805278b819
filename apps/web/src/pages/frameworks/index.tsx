/** Criteria frameworks: the list (import, export, publish, retire, clone) and one framework as a tree,
 * editable while it is a draft, with the maxima adding up live and validation shown beside each
 * criterion as it is typed. The same domain code that the server runs does the checking here. */
import { useParams } from 'react-router';
import type { Session } from '../../api/auth.ts';
import { FrameworkList } from './FrameworkList.tsx';
import { FrameworkView } from './FrameworkView.tsx';

export default function Frameworks({ session }: { session: Session }) {
  const { id } = useParams();
  // keyed by id: a clone opens as a new view (nothing of the previous framework, its dialog included)
  return id ? <FrameworkView key={id} id={id} session={session} /> : <FrameworkList session={session} />;
}
