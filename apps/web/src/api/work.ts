/** "Việc của tôi": what waits on the signed-in person, computed on the server. */
import type { MyWorkT } from '@chiso/contracts';
import { get } from './http.ts';

export const getMyWork = () => get<MyWorkT>('/api/my-work');
