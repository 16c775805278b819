/** Nothing acknowledged is lost: a unit officer's autosaves are acknowledged one by one, the server
 * is killed with SIGKILL while one more save is in flight, and after a restart on the same data
 * directory every acknowledged value is there; the one in flight is either fully there or absent. */
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { apiLogin, demoPassword, type Running, startServer } from './server.ts';

let server: Running | null = null;
let dataDir = '';
afterAll(async () => {
  await server?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

const iso = (d: Date) => d.toISOString().slice(0, 10);

describe('durability of autosave', () => {
  it('SIGKILL between autosaves loses nothing that was acknowledged', async () => {
    server = await startServer();
    dataDir = server.dataDir;
    const url = server.url;
    const passwords = {
      coord: await demoPassword(url, 'dieuphoi.culaodung'),
      officer: await demoPassword(url, 'canbo.culaodung'),
    };
    const coord = await apiLogin(url, 'dieuphoi.culaodung', passwords.coord);
    const units = await coord.get<{ items: { id: string; code: string }[] }>('/api/units?q=CAH-CLD');
    const cld = units.items.find((u) => u.code === 'CAH-CLD')!.id;
    const fws = await coord.get<{ items: { id: string; code: string }[] }>('/api/frameworks');
    const police = fws.items.find((f) => f.code === 'TT27-CAH-2022')!.id;
    const now = new Date();
    const from = iso(new Date(now.getTime() - 3 * 86_400_000));
    const to = iso(new Date(now.getTime() + 7 * 86_400_000));
    const c = await coord.send('POST', '/api/cycles', {
      name: 'Kiểm tra độ bền',
      year: 2025,
      frameworkId: police,
      ownerUnitId: cld,
      unitKinds: ['district_police'],
      stages: ['self_assessment', 'appraisal', 'supplementation', 'finalisation', 'publication'].map(
        (stage) => ({
          stage,
          startsOn: from,
          dueOn: to,
        }),
      ),
    });
    expect(c.status).toBe(200);
    const cycle = (await c.json()) as { id: string; units: { assessmentId: string }[] };
    const id = cycle.units[0]!.assessmentId;
    expect(
      (await coord.send('POST', `/api/cycles/${cycle.id}/stages/self_assessment`, { state: 'open' })).status,
    ).toBe(200);

    const officer = await apiLogin(url, 'canbo.culaodung', passwords.officer);
    const typed: Record<string, { text: string; note: string }> = {
      '1.1': { text: '45/50', note: 'Kế hoạch số 12/KH-CAH' },
      '1.2': { text: '1', note: 'Một báo cáo trễ hạn' },
      '1.3': { text: '10/10', note: '' },
      '1.4': { text: '1,75', note: 'Tuyên truyền trên Zalo, loa xã' },
      '2': { text: '7,5', note: 'Đủ văn bản nội bộ' },
      '3.1': { text: '97/100', note: '' },
      '4': { text: '8', note: '' },
    };
    for (const [code, v] of Object.entries(typed)) {
      const r = await officer.send('PUT', `/api/assessments/${id}/items/${code}`, v);
      expect(r.status, code).toBe(200);
    }
    // one more save in flight when the process dies
    const inFlight = officer
      .send('PUT', `/api/assessments/${id}/items/7`, { text: '12,5', note: 'đang gõ' })
      .catch(() => null);
    await server.kill();
    const lost = await inFlight;

    server = await startServer({ dataDir });
    const again = await apiLogin(server.url, 'canbo.culaodung', passwords.officer);
    const v = await again.get<{
      tree: {
        code: string;
        inputText?: string;
        note?: string;
        children: { code: string; inputText?: string; note?: string }[];
      }[];
    }>(`/api/assessments/${id}`);
    const flat = v.tree.flatMap((n) => [n, ...n.children]);
    for (const [code, want] of Object.entries(typed)) {
      const got = flat.find((n) => n.code === code)!;
      expect({ code, text: got.inputText, note: got.note }).toEqual({
        code,
        text: want.text,
        note: want.note,
      });
    }
    // the save in flight is all or nothing
    const seven = flat.find((n) => n.code === '7')!;
    if (lost && lost.status === 200) expect(seven).toMatchObject({ inputText: '12,5', note: 'đang gõ' });
    else expect([seven.inputText, seven.note]).toEqual(seven.inputText ? ['12,5', 'đang gõ'] : ['', '']);
  });
});
