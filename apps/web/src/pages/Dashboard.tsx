import { useQuery } from '@tanstack/react-query';
import { UNIT_KIND_LABELS, ROLE_LABELS, type UnitKind } from '@chiso/domain';
import { Card, Col, List, Row, Statistic, Typography } from 'antd';
import type { Session } from '../api/auth.ts';
import { listUnits } from '../api/units.ts';
import { useT } from '../i18n.ts';
import { MyWork } from './MyWork.tsx';

export default function Dashboard({ session }: { session: Session }) {
  const { t, lang } = useT();
  const units = useQuery({
    queryKey: ['units', '', false],
    queryFn: () => listUnits(),
  });
  const byKind = new Map<UnitKind, number>();
  for (const u of units.data?.items ?? []) byKind.set(u.kind, (byKind.get(u.kind) ?? 0) + 1);
  return (
    <>
      <Typography.Title level={3}>{t.overview}</Typography.Title>
      <MyWork />
      <Row gutter={16}>
        <Col xs={24} md={14}>
          <Card title={t.unitsByKind} loading={units.isLoading}>
            <Row gutter={[16, 16]}>
              {[...byKind].map(([k, n]) => (
                <Col key={k} span={8}>
                  <Statistic title={UNIT_KIND_LABELS[k][lang]} value={n} />
                </Col>
              ))}
            </Row>
          </Card>
        </Col>
        <Col xs={24} md={10}>
          <Card title={t.myGrants}>
            <List
              dataSource={session.user?.grants ?? []}
              renderItem={(g) => (
                <List.Item>
                  <List.Item.Meta
                    title={ROLE_LABELS[g.role][lang]}
                    description={g.unitId ? g.unitName : t.wholeSystem}
                  />
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
