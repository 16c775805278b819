/** How each counter of the domain's registry (`COUNTERS`) counts, from the records: one source per
 * counter id, the table exhaustive so that a counter added to the registry does not compile until it
 * is given a source here (plan tasks done ÷ total reads the tasks module's service). */
import { formatDateVi, type CountValue, type CounterId } from '@chiso/domain';
import type { CountedRecord } from '@chiso/contracts';
import type { z } from 'zod';
import type { DbOrTx } from '../../db/open.ts';
import { reportsDueInYear } from '../reports/service.ts';
import { tasksDueInYear } from '../tasks/service.ts';
import * as repo from './repository.ts';

export interface CountScope {
  unit: { id: string; path: string };
  /** The unit and every unit under it (the leaf says so), or the unit alone. */
  subtree: boolean;
  year: number;
  today: string;
}

export interface Counted {
  value: CountValue;
  records: z.infer<typeof CountedRecord>[];
}

type Source = (db: DbOrTx, s: CountScope) => Promise<Counted>;

/** Inspections done ÷ planned: the inspections in the unit's plan dated in the year, those done. */
const inspectionsDone: Source = async (db, s) => {
  const rows = await repo.plannedInspections(db, s.unit, s.subtree, s.year);
  return {
    value: { kind: 'ratio', done: rows.filter((r) => r.a.done).length, total: rows.length },
    records: rows.map((r) => ({
      id: r.a.id,
      kind: 'activity' as const,
      title: r.a.title,
      date: r.a.startsOn,
      unitName: r.unitName,
      counts: r.a.done,
      stateText: r.a.done ? 'Đã thực hiện' : 'Chưa thực hiện',
      href: `/activities/${r.a.id}`,
    })),
  };
};

/** Late reports as incidents: each report due in the year that was sent late or is still missing after
 * its due day (the reports module's requests and submissions). */
const lateReports: Source = async (db, s) => {
  const rows = await reportsDueInYear(db, s.unit, s.subtree, s.year, s.today);
  const incidents = rows.filter((r) => r.incident);
  return {
    value: { kind: 'incidents', count: incidents.length },
    records: incidents.map((r) => ({
      id: r.requestId,
      kind: 'report' as const,
      title: r.title,
      date: r.dueOn,
      unitName: r.unitName,
      counts: false,
      stateText: `${r.stateText} (hạn ${formatDateVi(r.dueOn)})`,
      href: `/reports/${r.requestId}`,
    })),
  };
};

/** Plan tasks done ÷ total: the unit's task instances due in the year, done when accepted (counted as
 * of the day declared; a task still awaiting acceptance is not done yet). */
const tasksDone: Source = async (db, s) => {
  const rows = await tasksDueInYear(db, s.unit, s.subtree, s.year, s.today);
  return {
    value: { kind: 'ratio', done: rows.filter((r) => r.done).length, total: rows.length },
    records: rows.map((r) => ({
      id: r.id,
      kind: 'task' as const,
      title: `${r.planNumber}: ${r.content}`,
      date: r.dueOn,
      unitName: r.unitName,
      counts: r.done,
      stateText: r.statusText,
      href: `/tasks/${r.id}`,
    })),
  };
};

export const COUNTER_SOURCES: Record<CounterId, Source> = {
  inspections_done: inspectionsDone,
  tasks_done: tasksDone,
  late_reports: lateReports,
};
