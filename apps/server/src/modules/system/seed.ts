/** Demo data from the seed documents: the organisations of Sóc Trăng's police and of Hà Quảng district,
 * and one demo user per role with a password generated now. The users table keeps its hash like any
 * other; demo_accounts keeps it in clear for the login page (demo installations only: a conversion
 * to real erases it, see installation.ts). Seeding records the installation as a demo. */
import fs from 'node:fs';
import path from 'node:path';
import { FrameworkService } from '../frameworks/service.ts';
import { installShippedForms } from '../surveys/forms.ts';
import { ResultService } from '../results/service.ts';
import type { FileStore } from '../../lib/fileStore.ts';
import { seedDemoCycles } from './seedCycles.ts';
import { DEMO_PROFILES } from './seedProfiles.ts';
import { ROLE_LABELS, type Role, type UnitKind } from '@chiso/domain';
import type { Db } from '../../db/open.ts';
import { insertDemoAccounts, insertInstallation, markDemoSeeded, readInstallation } from './repository.ts';
import { SYSTEM_ACTOR } from '../auth/actor.ts';
import { generatePassword } from '../auth/passwords.ts';
import { UnitService } from '../units/service.ts';
import { countUsers, UserService } from '../users/service.ts';
import { createAdmin } from './firstAdmin.ts';

interface U {
  code: string;
  name: string;
  short?: string;
  kind: UnitKind;
  children?: U[];
}

const team = (code: string, name: string, short?: string): U => ({
  code,
  name,
  kind: 'team',
  ...(short ? { short } : {}),
});
const cap = (code: string, name: string): U => ({ code, name, kind: 'commune_police' });

/** Sóc Trăng's 11 district-level police (before the district level was abolished on 01/7/2025). */
const DISTRICTS: [string, string][] = [
  ['CAH-TPST', 'Công an thành phố Sóc Trăng'],
  ['CAH-VCH', 'Công an thị xã Vĩnh Châu'],
  ['CAH-NNA', 'Công an thị xã Ngã Năm'],
  ['CAH-CTH', 'Công an huyện Châu Thành'],
  ['CAH-KSA', 'Công an huyện Kế Sách'],
  ['CAH-MTU', 'Công an huyện Mỹ Tú'],
  ['CAH-CLD', 'Công an huyện Cù Lao Dung'],
  ['CAH-LPH', 'Công an huyện Long Phú'],
  ['CAH-MXU', 'Công an huyện Mỹ Xuyên'],
  ['CAH-TTR', 'Công an huyện Thạnh Trị'],
  ['CAH-TDE', 'Công an huyện Trần Đề'],
];

const CLD: U = {
  code: 'CAH-CLD',
  name: 'Công an huyện Cù Lao Dung',
  short: 'CAH Cù Lao Dung',
  kind: 'district_police',
  children: [
    // one team: Đội Tổng hợp until it is renamed Đội Tham mưu (RENAMED_TM below)
    team('CLD-TH', 'Đội Tổng hợp', 'Đội TH'),
    team('CLD-QLHC', 'Đội Cảnh sát quản lý hành chính về trật tự xã hội', 'Đội CSQLHC về TTXH'),
    team('CLD-CSGT', 'Đội Cảnh sát giao thông - Trật tự', 'Đội CSGT-TT'),
    team('CLD-PCCC', 'Đội Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ', 'Đội CSPCCC và CNCH'),
    cap('CLD-TT', 'Công an thị trấn Cù Lao Dung'),
    cap('CLD-AT1', 'Công an xã An Thạnh 1'),
    cap('CLD-AT2', 'Công an xã An Thạnh 2'),
    cap('CLD-AT3', 'Công an xã An Thạnh 3'),
    cap('CLD-ATT', 'Công an xã An Thạnh Tây'),
    cap('CLD-ATD', 'Công an xã An Thạnh Đông'),
    cap('CLD-ATN', 'Công an xã An Thạnh Nam'),
    cap('CLD-DA1', 'Công an xã Đại Ân 1'),
  ],
};

const POLICE: U = {
  code: 'BCA',
  name: 'Bộ Công an',
  kind: 'ministry',
  children: [
    {
      code: 'CAT-ST',
      name: 'Công an tỉnh Sóc Trăng',
      short: 'CAT Sóc Trăng',
      kind: 'province_police',
      children: [
        {
          code: 'PV01',
          name: 'Phòng Tham mưu',
          short: 'PV01',
          kind: 'provincial_department',
          children: [team('PV01-PCQLKH', 'Đội Pháp chế và Quản lý khoa học', 'Đội PC&QLKH')],
        },
        { code: 'PH10', name: 'Phòng Hậu cần', short: 'PH10', kind: 'provincial_department' },
        {
          code: 'PX03',
          name: 'Phòng Công tác Đảng và công tác chính trị',
          short: 'PX03',
          kind: 'provincial_department',
        },
        { code: 'PA08', name: 'Phòng Quản lý xuất nhập cảnh', short: 'PA08', kind: 'provincial_department' },
        {
          code: 'PC06',
          name: 'Phòng Cảnh sát quản lý hành chính về trật tự xã hội',
          short: 'PC06',
          kind: 'provincial_department',
        },
        {
          code: 'PC07',
          name: 'Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ',
          short: 'PC07',
          kind: 'provincial_department',
        },
        { code: 'PC08', name: 'Phòng Cảnh sát giao thông', short: 'PC08', kind: 'provincial_department' },
        ...DISTRICTS.map(([code, name]): U =>
          code === CLD.code ? CLD : { code, name, kind: 'district_police' },
        ),
      ],
    },
  ],
};

const xa = (code: string, name: string): U => ({ code, name, kind: 'commune_committee' });
const CIVIL: U = {
  code: 'UBND-CB',
  name: 'Ủy ban nhân dân tỉnh Cao Bằng',
  short: 'UBND tỉnh Cao Bằng',
  kind: 'provincial_committee',
  children: [
    {
      code: 'UBND-HQ',
      name: 'Ủy ban nhân dân huyện Hà Quảng',
      short: 'UBND huyện Hà Quảng',
      kind: 'district_committee',
      children: [
        { code: 'HQ-NV', name: 'Phòng Nội vụ', kind: 'office' },
        { code: 'HQ-TP', name: 'Phòng Tư pháp', kind: 'office' },
        { code: 'HQ-VP', name: 'Văn phòng HĐND và UBND', kind: 'office' },
        { code: 'HQ-TCKH', name: 'Phòng Tài chính - Kế hoạch', kind: 'office' },
        { code: 'HQ-VHTT', name: 'Phòng Văn hóa - Thông tin', kind: 'office' },
        { code: 'HQ-TTVH', name: 'Trung tâm Văn hóa và Truyền thông', kind: 'office' },
        xa('HQ-XH', 'Ủy ban nhân dân thị trấn Xuân Hòa'),
        xa('HQ-TN', 'Ủy ban nhân dân thị trấn Thông Nông'),
        xa('HQ-TRH', 'Ủy ban nhân dân xã Trường Hà'),
        xa('HQ-LN', 'Ủy ban nhân dân xã Lũng Nặm'),
        xa('HQ-SH', 'Ủy ban nhân dân xã Sóc Hà'),
        xa('HQ-QQ', 'Ủy ban nhân dân xã Quý Quân'),
        xa('HQ-NT', 'Ủy ban nhân dân xã Nội Thôn'),
        xa('HQ-CY', 'Ủy ban nhân dân xã Cần Yên'),
      ],
    },
  ],
};

/** The example day Đội Tổng hợp of Cù Lao Dung becomes Đội Tham mưu (between seeds 003 and 000). */
export const RENAMED_TM = '2024-01-01';

/** Units exist from this date in the demo (before the oldest seed document). */
const DEMO_FROM = '2020-01-01';

const DEMO_USERS: { username: string; fullName: string; role: Role; unit: string | null }[] = [
  { username: 'quantri', fullName: 'Quản trị hệ thống (tài khoản mẫu)', role: 'administrator', unit: null },
  {
    username: 'dieuphoi.soctrang',
    fullName: 'Cán bộ đầu mối Công an tỉnh (tài khoản mẫu)',
    role: 'coordinator',
    unit: 'CAT-ST',
  },
  {
    username: 'thamdinh.soctrang',
    fullName: 'Thành viên thẩm định Công an tỉnh (tài khoản mẫu)',
    role: 'appraiser',
    unit: 'CAT-ST',
  },
  {
    username: 'lanhdao.soctrang',
    fullName: 'Lãnh đạo Công an tỉnh (tài khoản mẫu)',
    role: 'leader',
    unit: 'CAT-ST',
  },
  {
    username: 'dieuphoi.culaodung',
    fullName: 'Cán bộ Đội Tham mưu Cù Lao Dung (tài khoản mẫu)',
    role: 'coordinator',
    unit: 'CAH-CLD',
  },
  {
    username: 'canbo.culaodung',
    fullName: 'Cán bộ Công an huyện Cù Lao Dung (tài khoản mẫu)',
    role: 'unit_officer',
    unit: 'CAH-CLD',
  },
  {
    username: 'truong.culaodung',
    fullName: 'Trưởng Công an huyện Cù Lao Dung (tài khoản mẫu)',
    role: 'unit_head',
    unit: 'CAH-CLD',
  },
  {
    username: 'dieuphoi.haquang',
    fullName: 'Cán bộ Phòng Nội vụ Hà Quảng (tài khoản mẫu)',
    role: 'coordinator',
    unit: 'UBND-HQ',
  },
  {
    username: 'canbo.haquang',
    fullName: 'Cán bộ UBND huyện Hà Quảng (tài khoản mẫu)',
    role: 'unit_officer',
    unit: 'UBND-HQ',
  },
  {
    username: 'truong.haquang',
    fullName: 'Chủ tịch UBND huyện Hà Quảng (tài khoản mẫu)',
    role: 'unit_head',
    unit: 'UBND-HQ',
  },
  {
    username: 'lanhdao.caobang',
    fullName: 'Lãnh đạo UBND tỉnh Cao Bằng (tài khoản mẫu)',
    role: 'leader',
    unit: 'UBND-CB',
  },
];

/** The demo accounts' usernames (a conversion to real disables every one of them). */
export const DEMO_USERNAMES: readonly string[] = DEMO_USERS.map((d) => d.username);

export interface SeedResult {
  units: number;
  accounts: { username: string; password: string; role: string; unit: string }[];
}

/** Load the demo data into an empty database and record the installation as a demo. Refuses on a
 * real installation and when users already exist. */
export async function seedDemo(db: Db, opts: { cyclesFiles?: FileStore } = {}): Promise<SeedResult> {
  const inst = await readInstallation(db);
  if (inst?.mode === 'real')
    throw new Error(
      'Đây là cài đặt thật: không nạp dữ liệu mẫu. Muốn xem bản trình diễn, dùng một DATA_DIR (hoặc cơ sở dữ liệu) mới.',
    );
  if (inst || (await countUsers(db)) > 0)
    throw new Error('Cơ sở dữ liệu đã có người dùng; dữ liệu mẫu chỉ được nạp vào cơ sở dữ liệu trống.');
  const unitService = new UnitService(db);
  const userService = new UserService(db);
  const idByCode = new Map<string, { id: string; name: string }>();
  let count = 0;
  await db.transaction(async (tx) => {
    // the mode first, with the first data: a second seeding of the same database fails here
    await insertInstallation(tx, { mode: 'demo', since: new Date().toISOString() });
    const walk = async (u: U, parentId: string | null) => {
      const row = await unitService.createIn(
        tx,
        SYSTEM_ACTOR,
        {
          code: u.code,
          name: u.name,
          shortName: u.short ?? null,
          kind: u.kind,
          parentId,
          validFrom: DEMO_FROM,
          profile: DEMO_PROFILES[u.code],
        },
        'unit.write',
        'Dữ liệu mẫu',
      );
      idByCode.set(u.code, { id: row.id, name: row.name });
      count++;
      for (const c of u.children ?? []) await walk(c, row.id);
    };
    await walk(POLICE, null);
    await walk(CIVIL, null);
  });
  // seeds 001 and 003 (2021–2022) give the district's staff duties to Đội Tổng hợp, seed 000 (2024) to
  // Đội Tham mưu: one team renamed through the unit history, on an example day between them
  const th = idByCode.get('CLD-TH');
  if (th) {
    const renamed = await unitService.update(SYSTEM_ACTOR, th.id, {
      code: 'CLD-TM',
      name: 'Đội Tham mưu',
      shortName: 'Đội TM',
      profile: DEMO_PROFILES['CLD-TM'],
      effectiveDate: RENAMED_TM,
      reason:
        'Đội Tổng hợp đổi tên thành Đội Tham mưu (dữ liệu mẫu; ngày hiệu lực là ví dụ, giữa Kế hoạch 52/KH-CAH ngày 29/4/2022 và Kế hoạch 82/KH-CAH ngày 20/5/2024)',
    });
    idByCode.delete('CLD-TH');
    idByCode.set('CLD-TM', { id: renamed.id, name: renamed.name });
  }
  const accounts: SeedResult['accounts'] = [];
  for (const d of DEMO_USERS) {
    const password = generatePassword();
    const unit = d.unit ? idByCode.get(d.unit)! : null;
    // every demo user is created the normal way (hashed password, audited grant)
    if (unit)
      await userService.create(
        SYSTEM_ACTOR,
        { username: d.username, fullName: d.fullName, password, role: d.role, unitId: unit.id },
        { mustChangePassword: false },
      );
    else await createAdmin(db, d.username, password, { fullName: d.fullName, mustChangePassword: false });
    accounts.push({
      username: d.username,
      password,
      role: ROLE_LABELS[d.role].vi,
      unit: unit?.name ?? 'Toàn hệ thống',
    });
  }
  await insertDemoAccounts(db, accounts);
  await seedFrameworksAndResults(db, idByCode);
  await installShippedForms(db);
  // the demo cycles (2023 finished, 2024 open) for the server's demo; tests build their own
  if (opts.cyclesFiles) await seedDemoCycles(db, opts.cyclesFiles);
  await markDemoSeeded(db);
  return { units: count, accounts };
}

/** The example framework the demo applies from 2022 (its results of 2022 rank the units last year). */
export const DEMO_FROM_2022 = 'CCHC-PHONG-XA-MAU-2023';

const CONTENT_DIR = path.resolve(import.meta.dirname, '../../../../../content/frameworks');

/** Figures of Hà Quảng district for 2021 by field, from the plan of seed 004 (total 79,5 of 99). */
const HA_QUANG_2021: Record<string, string> = {
  '1': '13',
  '2': '13',
  '3': '16',
  '4': '8',
  '5': '11',
  '6': '7',
  '7': '11,5',
};

/** The frameworks shipped under content/ (published, system-wide) and the one real result the seeds
 * give by field: Hà Quảng district, 2021. */
async function seedFrameworksAndResults(db: Db, idByCode: Map<string, { id: string }>) {
  const frameworks = new FrameworkService(db);
  const results = new ResultService(db);
  const byCode = new Map<string, string>();
  for (const f of fs
    .readdirSync(CONTENT_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const def = JSON.parse(fs.readFileSync(path.join(CONTENT_DIR, f), 'utf8')) as Record<string, unknown>;
    // the demo's district applied the example office/commune framework from 2022: its 2022 results
    // (seedCycles.ts) are the previous year the 2023 ranking and its decision compare with
    if (def.code === DEMO_FROM_2022) def.yearFrom = 2022;
    const fw = await frameworks.importJson(SYSTEM_ACTOR, null, def);
    await frameworks.publish(SYSTEM_ACTOR, fw.id, 'Nội dung mẫu đi kèm sản phẩm');
    byCode.set(fw.code, fw.id);
  }
  const civil = byCode.get('CCHC-HUYEN-2021');
  const hq = idByCode.get('UBND-HQ');
  if (civil && hq)
    await results.enter(SYSTEM_ACTOR, {
      frameworkId: civil,
      year: 2021,
      unitId: hq.id,
      mode: 'fields',
      inputs: HA_QUANG_2021,
      reason: 'Kết quả năm 2021 theo kế hoạch của UBND huyện Hà Quảng (tài liệu nguồn 004)',
    });
}
