/** The part of the unit form that records what its documents print (NĐ 30/2020): abbreviation,
 * place name, head and deputies, and an optional override of the issuing-body lines. The server
 * checks the whole (Vietnamese messages); the form only shapes what is sent. */
import type { UnitProfileBodyT, UnitViewT } from '@chiso/contracts';
import { Button, Checkbox, Collapse, Form, Input, Space, Typography } from 'antd';
import { useT } from '../../i18n.ts';

interface OfficialForm {
  title?: string;
  rank?: string;
  name?: string;
  acting?: boolean;
}

/** The profile as the form holds it (issuer lines as text, one printed line per line). */
export interface ProfileFormValues {
  abbreviation?: string;
  placeName?: string;
  head?: OfficialForm;
  deputies?: OfficialForm[];
  governing?: string;
  own?: string;
}

export function profileToForm(u: UnitViewT): ProfileFormValues {
  return {
    abbreviation: u.abbreviation ?? '',
    placeName: u.placeName ?? '',
    head: u.head
      ? { title: u.head.title, rank: u.head.rank ?? '', name: u.head.name, acting: !!u.head.acting }
      : {},
    deputies: u.deputies.map((d) => ({ title: d.title, rank: d.rank ?? '', name: d.name })),
    governing: u.issuerLines?.governing.join('\n') ?? '',
    own: u.issuerLines?.own.join('\n') ?? '',
  };
}

const lines = (text: string | undefined) =>
  (text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

export function formToProfile(v: ProfileFormValues | undefined): UnitProfileBodyT | undefined {
  if (!v) return undefined;
  const official = (o: OfficialForm | undefined) =>
    o && (o.title?.trim() || o.name?.trim())
      ? { title: o.title ?? '', rank: o.rank?.trim() || null, name: o.name ?? '', acting: !!o.acting }
      : null;
  const own = lines(v.own);
  return {
    abbreviation: v.abbreviation?.trim() || null,
    placeName: v.placeName?.trim() || null,
    head: official(v.head),
    deputies: (v.deputies ?? []).map(official).filter((d) => d !== null),
    issuerLines: own.length ? { governing: lines(v.governing), own } : null,
  };
}

function OfficialRow({ prefix, acting }: { prefix: (string | number)[]; acting: boolean }) {
  const { t } = useT();
  return (
    <Space wrap align="start">
      <Form.Item name={[...prefix, 'title']} label={t.docTitle} style={{ minWidth: 230 }}>
        <Input />
      </Form.Item>
      <Form.Item name={[...prefix, 'rank']} label={t.docRank}>
        <Input style={{ width: 110 }} />
      </Form.Item>
      <Form.Item name={[...prefix, 'name']} label={t.docPersonName}>
        <Input style={{ width: 180 }} />
      </Form.Item>
      {acting && (
        <Form.Item name={[...prefix, 'acting']} valuePropName="checked" label=" ">
          <Checkbox>{t.docActing}</Checkbox>
        </Form.Item>
      )}
    </Space>
  );
}

export function ProfileFields() {
  const { t } = useT();
  return (
    <Collapse
      size="small"
      items={[
        {
          key: 'profile',
          label: t.docProfile,
          children: (
            <>
              <Typography.Paragraph type="secondary">{t.docProfileHint}</Typography.Paragraph>
              <Space wrap>
                <Form.Item name={['profile', 'abbreviation']} label={t.docAbbreviation}>
                  <Input style={{ width: 160 }} data-testid="unit-abbreviation" />
                </Form.Item>
                <Form.Item name={['profile', 'placeName']} label={t.docPlaceName}>
                  <Input style={{ width: 220 }} data-testid="unit-place" />
                </Form.Item>
              </Space>
              <Typography.Text strong>{t.docHead}</Typography.Text>
              <OfficialRow prefix={['profile', 'head']} acting />
              <Typography.Text strong>{t.docDeputies}</Typography.Text>
              <Form.List name={['profile', 'deputies']}>
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((f) => (
                      <Space key={f.key} align="center" wrap>
                        <OfficialRow prefix={[f.name]} acting={false} />
                        <Button size="small" onClick={() => remove(f.name)}>
                          {t.docRemove}
                        </Button>
                      </Space>
                    ))}
                    <Button size="small" onClick={() => add({})} style={{ marginBottom: 12 }}>
                      {t.docAddDeputy}
                    </Button>
                  </>
                )}
              </Form.List>
              <Typography.Paragraph strong>{t.docIssuerOverride}</Typography.Paragraph>
              <Form.Item name={['profile', 'governing']} label={t.docGoverning}>
                <Input.TextArea rows={2} />
              </Form.Item>
              <Form.Item name={['profile', 'own']} label={t.docOwn}>
                <Input.TextArea rows={2} />
              </Form.Item>
            </>
          ),
        },
      ]}
    />
  );
}
