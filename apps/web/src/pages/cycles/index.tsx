/** Assessment cycles: the list (and opening a cycle), or one cycle with its stages and units,
 * appraisal assignments and matrix, finalisation and publication, the published ranking. */
import { useParams } from 'react-router';
import type { Session } from '../../api/auth.ts';
import { CycleList } from './CycleList.tsx';
import { CycleView } from './CycleView.tsx';

export default function Cycles({ session }: { session: Session }) {
  const { id } = useParams();
  return id ? <CycleView id={id} /> : <CycleList session={session} />;
}
